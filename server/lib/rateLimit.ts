import { isIPv6 } from "node:net";

export interface Rate {
  /** Requests allowed at once, and again over each window. */
  max: number;
  windowMs: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * A token bucket per key: `max` requests at once, refilled evenly over `windowMs`. It lives
 * in memory (one instance's count; several instances each count their own), holds at most
 * `maxKeys` keys, and forgets full buckets first, so a flood of new addresses cannot grow it.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    readonly rate: Rate,
    private readonly maxKeys = 50_000,
  ) {}

  /** Takes one request's token: 0 when allowed, otherwise the milliseconds until one is free. */
  take(key: string, now = Date.now()): number {
    const perMs = this.rate.max / this.rate.windowMs;
    const bucket = this.buckets.get(key);
    const tokens = bucket
      ? Math.min(this.rate.max, bucket.tokens + (now - bucket.at) * perMs)
      : this.rate.max;
    if (tokens < 1) {
      if (bucket) {
        bucket.tokens = tokens;
        bucket.at = now;
      }
      return Math.ceil((1 - tokens) / perMs);
    }
    // Re-inserting moves the key to the end, so the map's order is least recently used first.
    this.buckets.delete(key);
    this.buckets.set(key, { tokens: tokens - 1, at: now });
    if (this.buckets.size > this.maxKeys) this.evict(now);
    return 0;
  }

  clear() {
    this.buckets.clear();
  }

  private evict(now: number) {
    const perMs = this.rate.max / this.rate.windowMs;
    for (const [key, b] of this.buckets)
      if (b.tokens + (now - b.at) * perMs >= this.rate.max) this.buckets.delete(key);
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= this.maxKeys * 0.9) break;
      this.buckets.delete(key);
    }
  }
}

/**
 * The key of a client's network address: an IPv4 address, or an IPv6 address's /64 network,
 * which one home or phone gets whole (counting its single addresses would give it millions).
 */
export function addressKey(address: string | undefined): string {
  if (!address) return "unknown";
  const v4 = address.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i);
  if (v4) return v4[1]!;
  if (!isIPv6(address)) return address;
  const [head = "", tail = ""] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = address.includes("::")
    ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.toLowerCase().replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}
