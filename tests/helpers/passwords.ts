import { argon2Hasher } from "../../server/lib/passwords";

/**
 * Real argon2id with the smallest settings: tests hash hundreds of passwords, and the
 * production settings (19 MiB, 2 passes) would spend most of the suite's time there.
 * tests/unit/passwords.test.ts proves the production settings.
 */
export const testPasswords = argon2Hasher({ memoryCost: 64, timeCost: 1, parallelism: 1 });
