import pino from "pino";

export type Logger = pino.Logger;

export function createLogger(level: string): Logger {
  return pino({
    level,
    // Never log secrets or personal data that may ride along in a request.
    redact: {
      paths: ["req.headers.cookie", "req.headers.authorization", "password", "*.password", "token"],
      censor: "[redacted]",
    },
  });
}
