/**
 * Check-in codes, as printed on badges and shown on a team's page. A code names a team or one
 * member and carries a signature the server makes with its own secret, so a code cannot be
 * made up or altered by hand. The QR code holds a link to the organizer's check-in page with
 * the code after `#`, so a phone's own camera app opens the right page too.
 */
export type CheckInCodeKind = "team" | "member";

export interface ParsedCheckInCode {
  kind: CheckInCodeKind;
  id: string;
  signature: string;
}

const KIND_LETTER: Record<CheckInCodeKind, string> = { team: "t", member: "m" };
const CODE =
  /^([tm])\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{22})$/;

/** The code's text: `t.<team id>.<signature>` or `m.<member id>.<signature>`. */
export function formatCheckInCode(kind: CheckInCodeKind, id: string, signature: string): string {
  return `${KIND_LETTER[kind]}.${id}.${signature}`;
}

/** What the signature covers: the event, so a code from another event never matches. */
export function checkInCodeMessage(eventId: string, kind: CheckInCodeKind, id: string): string {
  return `hmj-check-in:${eventId}:${kind}:${id}`;
}

/**
 * Reads what a scanner saw (a whole link, or the bare code typed in) as a code; null when it
 * has no code's shape.
 */
export function parseCheckInCode(scanned: string): ParsedCheckInCode | null {
  const text = scanned.trim();
  const hash = text.lastIndexOf("#");
  const candidate = (hash >= 0 ? text.slice(hash + 1) : text).trim();
  const match = CODE.exec(candidate);
  if (!match) return null;
  const [, letter, id, signature] = match as unknown as [string, string, string, string];
  return { kind: letter === "t" ? "team" : "member", id, signature };
}

/** The link a QR code holds: the organizer's check-in page, the code after `#`. */
export function checkInLink(base: string, slug: string, code: string): string {
  return `${base}/organize/${encodeURIComponent(slug)}/check-in#${code}`;
}
