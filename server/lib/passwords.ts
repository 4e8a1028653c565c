import { type Algorithm, hash, verify } from "@node-rs/argon2";

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
