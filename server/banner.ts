import { isLoopback } from "./lib/addresses";

export interface BannerFacts {
  kind: "pglite" | "postgres";
  /** Where the embedded database keeps its data (said only for PGlite). */
  dataDir: string;
  /** The address to open on this computer. */
  here: string;
  /** HOST as configured. */
  host: string;
  /** Every origin the app answers at; the banner names those a phone can reach. */
  origins: readonly string[];
  rateLimits: boolean;
}

/**
 * The lines `npm start` prints once it listens: where to open the app on this computer and on
 * the venue wifi, and the settings an organizer must not miss (loopback only, limits off).
 */
export function startupBanner(facts: BannerFacts): string[] {
  const loopback = isLoopback(facts.host);
  // Listening on loopback only, phones cannot reach the app: print no wifi address then.
  const wifi = loopback
    ? []
    : facts.origins.filter((origin) => !isLoopback(new URL(origin).hostname));
  const lines = [
    `Hack Manchester Junior is running (${facts.kind}${facts.kind === "pglite" ? `, data in ${facts.dataDir}` : ""}).`,
    `  On this computer:  ${facts.here}`,
    ...wifi.map((a) => `  On the venue wifi: ${a}`),
  ];
  if (loopback)
    lines.push("  (HOST is loopback: only this computer can open the app, no phone can)");
  if (!facts.rateLimits)
    lines.push("  Rate limits are off (RATE_LIMITS=off): for benchmarks and load tests only.");
  return lines;
}
