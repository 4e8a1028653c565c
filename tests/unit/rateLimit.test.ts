import { describe, expect, it } from "vitest";
import { addressKey, RateLimiter } from "../../server/lib/rateLimit";
import { createRateLimits } from "../../server/routes/rateLimits";

describe("rate limiter", () => {
  it("allows `max` at once, then one more each window/max, and says how long to wait", () => {
    const limiter = new RateLimiter({ max: 3, windowMs: 3000 });
    expect([0, 1, 2].map(() => limiter.take("a", 0))).toEqual([0, 0, 0]);
    expect(limiter.take("a", 0)).toBe(1000);
    expect(limiter.take("a", 500)).toBe(500);
    expect(limiter.take("a", 1000)).toBe(0);
    expect(limiter.take("b", 1000)).toBe(0);
  });

  it("holds a bounded number of keys however many addresses call", () => {
    const limiter = new RateLimiter({ max: 2, windowMs: 1000 }, 100);
    for (let i = 0; i < 10_000; i++) limiter.take(`k${i}`, i);
    expect((limiter as unknown as { buckets: Map<string, unknown> }).buckets.size).toBeLessThan(
      101,
    );
  });

  it("counts an IPv6 /64 as one address, and IPv4 written as IPv6 as IPv4", () => {
    expect(addressKey("2001:db8:1:2:aaaa::1")).toBe(addressKey("2001:db8:1:2:bbbb:cccc:dddd:eeee"));
    expect(addressKey("2001:db8:1:2::1")).not.toBe(addressKey("2001:db8:1:3::1"));
    expect(addressKey("::ffff:192.168.1.20")).toBe("192.168.1.20");
  });

  it("lets everything through with RATE_LIMITS=off", () => {
    const off = createRateLimits(false);
    for (let i = 0; i < 1000; i++) expect(off.take("signIn", "address:1.2.3.4")).toBe(0);
    const on = createRateLimits(true);
    const refused = Array.from({ length: 1000 }, () => on.take("signIn", "address:1.2.3.4"));
    expect(refused.filter((ms) => ms > 0).length).toBeGreaterThan(0);
  });
});
