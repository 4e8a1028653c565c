import type { Request, RequestHandler } from "express";
import { LIMITS, type RateName } from "../../shared/limits";
import { AppError } from "../lib/problems";
import { addressKey, RateLimiter } from "../lib/rateLimit";

/** The app's rate limiters, one per kind of request; all pass when RATE_LIMITS=off. */
export interface RateLimits {
  readonly enabled: boolean;
  /** 0 when this request may go on, otherwise the milliseconds until it may. */
  take(name: RateName, key: string): number;
  /** Forgets every count (tests that empty the database start afresh). */
  clear(): void;
}

export function createRateLimits(enabled: boolean): RateLimits {
  const limiters = Object.fromEntries(
    Object.entries(LIMITS.rates).map(([name, rate]) => [name, new RateLimiter(rate)]),
  ) as Record<RateName, RateLimiter>;
  return {
    enabled,
    take: (name, key) => (enabled ? limiters[name].take(key) : 0),
    clear: () => {
      for (const limiter of Object.values(limiters)) limiter.clear();
    },
  };
}

function wait(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 90) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}

export function rateLimited(ms: number, who: string): AppError {
  return new AppError(
    "rate-limited",
    `There have been too many of these from ${who} in a short time. Please wait ${wait(ms)} and try again.`,
    undefined,
    { "Retry-After": String(Math.max(1, Math.ceil(ms / 1000))) },
  );
}

/**
 * Refuses a request over its rate with 429 `rate-limited` and Retry-After: counted per network
 * address, and also per account when someone is signed in, so that one account cannot get
 * round it by changing networks.
 */
export function rateLimit(limits: RateLimits, name: RateName): RequestHandler {
  return (req: Request, _res, next) => {
    const address = limits.take(name, `address:${addressKey(req.ip)}`);
    if (address > 0) throw rateLimited(address, "your network");
    if (req.user) {
      const account = limits.take(name, `account:${req.user.id}`);
      if (account > 0) throw rateLimited(account, "your account");
    }
    next();
  };
}
