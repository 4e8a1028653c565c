import { gzipSync } from "node:zlib";
import type { Request, Response } from "express";

/** Below this, gzip saves too little to be worth it (the compression middleware's default). */
const COMPRESS_FROM_BYTES = 1024;

/**
 * A JSON answer written once and sent many times: the public reads that every screen of a big
 * event makes (the event page, the display's first calls) keep one per version of what they show.
 * Compressing a body per request cost more than the rest of the request together, so the
 * gzipped bytes are made once too, on first use.
 */
export class PreparedJson {
  readonly text: string;
  private gzipped: Buffer | undefined;

  constructor(readonly value: unknown) {
    this.text = JSON.stringify(value);
  }

  /** The gzipped body, or null when the body is too small to compress. */
  gzip(): Buffer | null {
    if (this.text.length < COMPRESS_FROM_BYTES) return null;
    this.gzipped ??= gzipSync(this.text);
    return this.gzipped;
  }
}

/**
 * Sends a prepared answer, gzipped when the client takes gzip. A body that already carries its
 * Content-Encoding passes the compression middleware untouched.
 */
export function sendPrepared(req: Request, res: Response, prepared: PreparedJson): void {
  // Test servers check every JSON answer against the API reference (routes/reference/check.ts).
  const check = res.locals.checkJson as ((body: unknown) => boolean) | undefined;
  if (check && !check(prepared.value)) return;
  res.type("application/json");
  res.vary("Accept-Encoding");
  const gzipped = prepared.gzip();
  if (gzipped && req.acceptsEncodings("gzip") === "gzip") {
    res.set("Content-Encoding", "gzip").send(gzipped);
    return;
  }
  res.send(prepared.text);
}
