import type { IncomingMessage } from "node:http";
import type { TLSSocket } from "node:tls";
import { isLoopback } from "./addresses";

/**
 * The origin a request was sent to, scheme included: https when it came over TLS, or when a
 * proxy on this computer says so (X-Forwarded-Proto, trusted from loopback only, as Express's
 * "trust proxy" is set). Null without a Host header.
 */
export function requestOrigin(req: IncomingMessage): string | null {
  const host = req.headers.host;
  if (!host) return null;
  let scheme = (req.socket as TLSSocket).encrypted ? "https" : "http";
  const forwarded = req.headers["x-forwarded-proto"];
  const proxied = typeof forwarded === "string" ? forwarded.split(",")[0]!.trim() : "";
  if ((proxied === "http" || proxied === "https") && isLoopback(req.socket.remoteAddress ?? ""))
    scheme = proxied;
  return `${scheme}://${host}`;
}

/**
 * True when an Origin header names this site: the origin the request was sent to (scheme,
 * host and port alike, so a page on http:// cannot pass for the https:// site), or PUBLIC_URL.
 */
export function sameSite(
  origin: string,
  self: string | null,
  publicUrl: string | undefined,
): boolean {
  try {
    const from = new URL(origin).origin;
    if (self && from === new URL(self).origin) return true;
    return publicUrl !== undefined && from === new URL(publicUrl).origin;
  } catch {
    return false;
  }
}
