import pino from "pino";

export type Logger = pino.Logger;

/** Where log lines go: standard output unless a test captures them. */
export interface LogDestination {
  write(line: string): void;
}

/** SQLSTATE of a database error, looking through the query wrapper drizzle puts around it. */
export function sqlState(error: unknown): string | undefined {
  for (let e = error, depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The first line of a stack is the error's message; the frames below are only code. */
function framesOf(stack: unknown): string | undefined {
  if (typeof stack !== "string") return undefined;
  const frames = stack.split("\n").filter((line) => /^\s+at /.test(line));
  return frames.length ? frames.join("\n") : undefined;
}

/**
 * What an error may put in the log: its kind, codes and stack frames, and its message only
 * when it cannot hold the request's data. A database error's message, detail and the failed
 * statement's parameters quote the values that were written (names, dates of birth, guardian
 * contacts, medical notes, consent tokens, password hashes), so they are never kept; body
 * parsers attach the raw body, mailers the recipients, and those are never kept either.
 */
export function safeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const state = sqlState(error);
  const out: Record<string, unknown> = { type: error.constructor?.name ?? "Error" };
  if (state) {
    out.sqlState = state;
    const query = (error as { query?: unknown }).query;
    // The statement text has $1-style placeholders where the values were.
    if (typeof query === "string") out.query = query.slice(0, 500);
    const cause = (error as { cause?: Record<string, unknown> }).cause ?? {};
    for (const key of ["constraint_name", "constraint", "table_name", "table", "column_name"]) {
      const value = (error as unknown as Record<string, unknown>)[key] ?? cause[key];
      if (typeof value === "string") out[key] = value;
    }
  } else {
    out.message = error.message.slice(0, 300);
    const code = (error as { code?: unknown }).code;
    if (typeof code === "string" || typeof code === "number") out.code = code;
  }
  const status = (error as { status?: unknown }).status;
  if (typeof status === "number") out.status = status;
  const stack = framesOf(error.stack);
  if (stack) out.stack = stack;
  return out;
}

// A path segment that may be a secret: consent, invite and set-up tokens are 43 characters.
const SECRET_SEGMENT = /^[A-Za-z0-9_-]{20,}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A request's path as the log may hold it: without its query, and with every segment that
 * could be a token (a consent link's is a child's data) replaced; ids stay, they name rows.
 */
export function loggablePath(url: string): string {
  const path = url.split("?")[0] ?? "";
  return path
    .split("/")
    .map((segment) =>
      SECRET_SEGMENT.test(segment) && !UUID.test(segment)
        ? ":token"
        : segment.length > 60
          ? ":long"
          : segment,
    )
    .join("/");
}

export function createLogger(level: string, destination?: LogDestination): Logger {
  return pino(
    {
      level,
      serializers: { err: safeError },
      // A second line behind safeError and the callers: whatever field these names reach the
      // logger under, the value is not written.
      redact: {
        paths: [
          "req.headers.cookie",
          "req.headers.authorization",
          "req.body",
          "body",
          "params",
          "password",
          "passwordHash",
          "token",
          "subject",
          "to",
          "*.body",
          "*.params",
          "*.password",
          "*.passwordHash",
          "*.token",
          "*.detail",
          "*.subject",
          "*.to",
        ],
        censor: "[redacted]",
      },
    },
    destination ?? pino.destination(1),
  );
}
