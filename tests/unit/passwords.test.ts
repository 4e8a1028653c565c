import { describe, expect, it } from "vitest";
import { argon2Hasher, PRODUCTION_ARGON2 } from "../../server/lib/passwords";

describe("password hashing", () => {
  it("uses argon2id with OWASP's settings in production: 19 MiB, 2 passes, 1 lane", async () => {
    expect(PRODUCTION_ARGON2).toEqual({ memoryCost: 19_456, timeCost: 2, parallelism: 1 });
    const hasher = argon2Hasher();
    const hash = await hasher.hash("correct horse battery");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await hasher.verify(hash, "correct horse battery")).toBe(true);
    expect(await hasher.verify(hash, "wrong horse battery")).toBe(false);
  });

  it("answers false for a missing or malformed hash rather than throwing", async () => {
    const hasher = argon2Hasher({ memoryCost: 64, timeCost: 1, parallelism: 1 });
    expect(await hasher.verify(null, "anything at all")).toBe(false);
    expect(await hasher.verify("not a hash", "anything at all")).toBe(false);
  });
});
