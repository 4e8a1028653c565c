import { type Algorithm, hash, verify } from "@node-rs/argon2";
import { AppError } from "./problems";

/** Hashes and checks passwords. Injected (AppDeps.passwords), so tests can use cheap settings. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** False for a wrong password or a missing hash; a missing hash costs as much as a real check. */
  verify(passwordHash: string | null, password: string): Promise<boolean>;
}

export interface Argon2Settings {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

// OWASP Password Storage Cheat Sheet: argon2id, 19 MiB, 2 iterations, 1 lane.
export const PRODUCTION_ARGON2: Argon2Settings = {
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

/** argon2id with the given settings; production uses PRODUCTION_ARGON2. */
export function argon2Hasher(settings: Argon2Settings = PRODUCTION_ARGON2): PasswordHasher {
  // The enum is a const enum, which isolated modules cannot read: 2 is its Argon2id.
  const options = { algorithm: 2 as Algorithm, ...settings };
  return {
    hash: (password) => hash(password, options),
    async verify(passwordHash, password) {
      if (!passwordHash) {
        // Spend the same time as a real check so response times do not reveal which emails exist.
        await hash(password, options);
        return false;
      }
      try {
        return await verify(passwordHash, password);
      } catch {
        return false;
      }
    },
  };
}

export interface HashingBounds {
  /** Hashes computed at once. */
  concurrency: number;
  /** Hashes that may wait for a turn; beyond them a request is refused. Infinity never refuses. */
  queue: number;
}

/**
 * Bounds the hashing work: at most `concurrency` hashes run at once (argon2 takes a core and
 * 19 MiB each), so a flood of sign-ins cannot starve the rest of the app of CPU, and at most
 * `queue` wait; past that the request is refused with 429 `rate-limited` and Retry-After,
 * instead of queueing seconds of work nobody will wait for.
 */
export function boundedHasher(inner: PasswordHasher, bounds: HashingBounds): PasswordHasher {
  let running = 0;
  const waiting: (() => void)[] = [];
  const turn = async <T>(work: () => Promise<T>): Promise<T> => {
    if (running >= bounds.concurrency) {
      if (waiting.length >= bounds.queue) {
        throw new AppError(
          "rate-limited",
          "Lots of people are signing in right now. Please try again in a moment.",
          undefined,
          { "Retry-After": "1" },
        );
      }
      await new Promise<void>((resolve) => waiting.push(resolve));
    } else running++;
    try {
      return await work();
    } finally {
      // Hand the slot straight to the next in line, or free it.
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
  return {
    hash: (password) => turn(() => inner.hash(password)),
    verify: (passwordHash, password) => turn(() => inner.verify(passwordHash, password)),
  };
}
