/** Turns validation issues (from zod on the client or a problem from the server) into field messages. */
import { ApiError } from "./api";

/** Field path (dotted, like "criteria.0.weight") → the first message for it. */
export type FieldErrors = Record<string, string>;

interface IssueLike {
  path: readonly PropertyKey[];
  message: string;
}

/** From `schema.safeParse(...).error` (zod): one message per field, the first one wins. */
export function zodFieldErrors(error: { issues: readonly IssueLike[] }): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "form";
    out[key] ??= issue.message;
  }
  return out;
}

/**
 * What a form's values came to: zod's `safeParse` result (or anything shaped like it), or the
 * fields the page's own checks found wrong.
 */
export type Parsed<D> =
  | { success: true; data: D }
  | { success: false; error: { issues: readonly IssueLike[] } }
  | { success: false; errors: FieldErrors };

/** The field messages of a failed parse; none for a good one. */
export function parsedErrors(parsed: Parsed<unknown>): FieldErrors {
  if (parsed.success) return {};
  return "errors" in parsed ? parsed.errors : zodFieldErrors(parsed.error);
}

/**
 * A schema's verdict joined with the page's own checks (the shared rules, a choice the schema
 * cannot see): the values only when neither found anything, else every message, the page's
 * winning on a field both flag.
 */
export function withChecks<D>(parsed: Parsed<D>, found: FieldErrors): Parsed<D> {
  if (parsed.success && Object.keys(found).length === 0) return parsed;
  return { success: false, errors: { ...parsedErrors(parsed), ...found } };
}

/** From a server problem's `errors` list; paths the form has no field for land on "form". */
export function problemFieldErrors(error: unknown, knownFields?: readonly string[]): FieldErrors {
  const out: FieldErrors = {};
  if (!(error instanceof ApiError)) return out;
  for (const { path, message } of error.errors) {
    const known = !knownFields || knownFields.some((f) => path === f || path.startsWith(`${f}.`));
    const key = path && path !== "body" && known ? path : "form";
    out[key] ??= message;
  }
  return out;
}

/** Moves focus to the first field marked invalid, once React has rendered the messages. */
export function focusFirstError(form: HTMLFormElement | null) {
  requestAnimationFrame(() => {
    const field = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
    field?.focus();
  });
}

/** Suggests a web address from an event name: "Hack Manchester Junior 2026" → "hack-manchester-junior-2026". */
export function slugify(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
}
