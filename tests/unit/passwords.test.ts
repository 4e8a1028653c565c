import { describe, expect, it } from "vitest";
import {
  argon2Hasher,
  boundedHasher,
  type PasswordHasher,
  PRODUCTION_ARGON2,
} from "../../server/lib/passwords";
import { AppError } from "../../server/lib/problems";

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

describe("bounded hashing", () => {
  /** A hasher whose hashes finish only when the test says so. */
  function gatedHasher() {
    const gates: (() => void)[] = [];
    let running = 0;
    let most = 0;
    const work = async () => {
      running++;
      most = Math.max(most, running);
      await new Promise<void>((resolve) => gates.push(resolve));
      running--;
    };
    const inner: PasswordHasher = {
      hash: async () => {
        await work();
        return "hash";
      },
      verify: async () => {
        await work();
        return true;
      },
    };
    return { inner, gates, most: () => most };
  }

  it("runs at most `concurrency` hashes at once and refuses past the queue with 429 and Retry-After", async () => {
    const { inner, gates, most } = gatedHasher();
    const hasher = boundedHasher(inner, { concurrency: 1, queue: 2 });
    const accepted = [hasher.hash("a"), hasher.verify("h", "b"), hasher.hash("c")];
    const refused = await hasher.hash("d").catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ slug: "rate-limited", headers: { "Retry-After": "1" } });
    // Each release lets exactly the next one start.
    for (let i = 0; i < 3; i++) {
      await expect.poll(() => gates.length).toBe(i + 1);
      gates[i]!();
    }
    expect(await Promise.all(accepted)).toEqual(["hash", true, "hash"]);
    expect(most()).toBe(1);
  });

  it("queues without limit when the queue is unbounded (RATE_LIMITS=off)", async () => {
    const { inner, gates } = gatedHasher();
    const hasher = boundedHasher(inner, { concurrency: 2, queue: Number.POSITIVE_INFINITY });
    const all = Array.from({ length: 20 }, (_, i) => hasher.hash(String(i)));
    for (let released = 0; released < 20; released++) {
      await expect.poll(() => gates.length).toBeGreaterThan(released);
      gates[released]!();
    }
    expect(await Promise.all(all)).toHaveLength(20);
  });
});
