import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertEvent } from "../helpers/factories";
import { startTestServer, type TestServer } from "../helpers/server";

const root = path.resolve(import.meta.dirname, "../..");
const clientDir = mkdtempSync(path.join(tmpdir(), "hmj-client-"));
const SHELL =
  '<!doctype html><html lang="en-GB"><head><title>Hack Manchester Junior</title></head><body><div id="root"></div></body></html>';
let server: TestServer;

beforeAll(async () => {
  // A stand-in for the built client: the shell, an asset and the real favicon.
  writeFileSync(path.join(clientDir, "index.html"), SHELL);
  mkdirSync(path.join(clientDir, "assets"));
  writeFileSync(path.join(clientDir, "assets", "app.js"), "console.log('hi');\n".repeat(200));
  copyFileSync(
    path.join(root, "client", "public", "favicon.ico"),
    path.join(clientDir, "favicon.ico"),
  );
  server = await startTestServer({ clientDir });
  // Registration open now, as buildEvent's times are.
  await insertEvent(server.database.db, { slug: "hmj-2026" });
});
afterAll(async () => {
  await server.close();
  rmSync(clientDir, { recursive: true, force: true });
});

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A GET with exactly these headers (fetch would add Accept-Encoding and decompress). */
function get(pathname: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${pathname}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

describe("pages", () => {
  it("answers a path with no page with 404 and the app, so the client shows its Not found page", async () => {
    for (const missing of ["/no-such-page", "/judge/teams", "/events/hmj-2026/results/extra"]) {
      const res = await get(missing);
      expect(res.status, missing).toBe(404);
      expect(res.headers["content-type"]).toMatch(/^text\/html/);
      expect(res.body.toString()).toBe(SHELL);
    }
    for (const page of ["/", "/events/hmj-2026", "/judge/teams/123", "/organize/hmj-2026/teams"]) {
      const res = await get(page);
      expect(res.status, page).toBe(200);
      expect(res.body.toString()).toBe(SHELL);
    }
    // A missing file of the built app is plainly missing, not the app.
    const asset = await get("/assets/missing.js");
    expect(asset.status).toBe(404);
    expect(asset.body.toString()).not.toContain('<div id="root">');
  });

  it("asks search engines to stay away from every page", async () => {
    const robots = await get("/robots.txt");
    expect(robots.status).toBe(200);
    expect(robots.headers["content-type"]).toMatch(/^text\/plain/);
    expect(robots.body.toString()).toBe("User-agent: *\nDisallow: /\n");
    for (const pathname of ["/", "/consent/some-token", "/api/events/hmj-2026"])
      expect((await get(pathname)).headers["x-robots-tag"], pathname).toBe("noindex, nofollow");
  });

  it("serves /favicon.ico as an icon", async () => {
    const res = await get("/favicon.ico");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^image\/(x-icon|vnd\.microsoft\.icon)$/);
    // An ICO file: reserved 0, type 1 (icon), then the number of images.
    expect([...res.body.subarray(0, 4)]).toEqual([0, 0, 1, 0]);
    expect(res.body.readUInt16LE(4)).toBeGreaterThan(0);
  });
});
