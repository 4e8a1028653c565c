import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { lanIPv4 } from "../../server/lib/addresses";
import { type Started, startMain, stop } from "../helpers/process";

const dirs: string[] = [];
const running: Started[] = [];
afterAll(async () => {
  await Promise.all(running.map((r) => stop(r.child)));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function dataDir() {
  const dir = mkdtempSync(path.join(tmpdir(), "hmj-banner-"));
  dirs.push(dir);
  return dir;
}

describe("the start-up banner", () => {
  it("prints no wifi address when HOST is loopback, and says so", async () => {
    const app = await startMain({ PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir() });
    running.push(app);
    expect(app.output()).not.toContain("On the venue wifi");
    expect(app.output()).toContain("only this computer can open the app");
    expect(app.output()).not.toContain("Rate limits are off");
  }, 60_000);

  it("prints each wifi address it listens on, and says when rate limits are off", async () => {
    const app = await startMain({
      PORT: "0",
      HOST: "0.0.0.0",
      DATA_DIR: dataDir(),
      RATE_LIMITS: "off",
    });
    running.push(app);
    const port = new URL(app.url).port;
    const wifi = app.output().match(/On the venue wifi: \S+/g) ?? [];
    expect(wifi).toEqual(lanIPv4().map((ip) => `On the venue wifi: http://${ip}:${port}`));
    expect(app.output()).toContain("Rate limits are off (RATE_LIMITS=off)");
  }, 60_000);

  it("stops with a message naming a bad RATE_LIMITS", async () => {
    await expect(
      startMain({ PORT: "0", DATA_DIR: dataDir(), RATE_LIMITS: "maybe" }),
    ).rejects.toThrow(/RATE_LIMITS must be "on" or "off"/);
  }, 60_000);
});
