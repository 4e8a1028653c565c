/** What `npm start` prints once it listens (server/banner.ts). */
import { describe, expect, it } from "vitest";
import { startupBanner } from "../../server/banner";

const facts = {
  kind: "pglite" as const,
  dataDir: "/srv/hmj/data",
  here: "http://localhost:3000",
  host: "0.0.0.0",
  origins: ["http://127.0.0.1:3000", "http://192.168.1.20:3000", "http://10.0.0.5:3000"],
  rateLimits: true,
};

describe("the start-up banner", () => {
  it("names the database, this computer's address and each wifi address", () => {
    expect(startupBanner(facts)).toEqual([
      "Hack Manchester Junior is running (pglite, data in /srv/hmj/data).",
      "  On this computer:  http://localhost:3000",
      "  On the venue wifi: http://192.168.1.20:3000",
      "  On the venue wifi: http://10.0.0.5:3000",
    ]);
  });

  it("prints no wifi address when HOST is loopback, and says so", () => {
    const lines = startupBanner({ ...facts, host: "127.0.0.1" });
    expect(lines.join("\n")).not.toContain("On the venue wifi");
    expect(lines).toContain(
      "  (HOST is loopback: only this computer can open the app, no phone can)",
    );
  });

  it("says when rate limits are off, and not otherwise", () => {
    const off = "  Rate limits are off (RATE_LIMITS=off): for benchmarks and load tests only.";
    expect(startupBanner({ ...facts, rateLimits: false })).toContain(off);
    expect(startupBanner(facts)).not.toContain(off);
  });

  it("does not say where PostgreSQL keeps its data", () => {
    expect(startupBanner({ ...facts, kind: "postgres" })[0]).toBe(
      "Hack Manchester Junior is running (postgres).",
    );
  });
});
