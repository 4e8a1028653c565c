import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { io } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertCategory, insertEvent, insertOrganizer, signedIn } from "../helpers/factories";
import type { Client } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";

const root = path.resolve(import.meta.dirname, "../..");
const clientDir = mkdtempSync(path.join(tmpdir(), "hmj-client-"));
const SHELL =
  '<!doctype html><html lang="en-GB"><head><title>Hack Manchester Junior</title></head><body><div id="root"></div></body></html>';
let server: TestServer;
let organizerCookie: string;
let organizer: Client;

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
  const db = server.database.db;
  // Registration open now, as buildEvent's times are.
  const event = await insertEvent(db, { slug: "hmj-2026" });
  // Categories make the public event big enough to be worth compressing.
  for (const name of ["Pre-University Challenge", "Young Coders", "Creative Tech"])
    await insertCategory(db, event.id, { name });
  organizer = await signedIn(server.url, db, await insertOrganizer(db), server.clock.now());
  organizerCookie = organizer.cookieValue!;
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

describe("compression", () => {
  it("compresses API answers for clients that accept it, and only for them", async () => {
    const plain = await get("/api/openapi.json");
    expect(plain.status).toBe(200);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    const document = JSON.parse(plain.body.toString());

    const gzip = await get("/api/openapi.json", { "accept-encoding": "gzip" });
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(gzip.headers.vary).toMatch(/Accept-Encoding/i);
    expect(gzip.body.length).toBeLessThan(plain.body.length / 5);
    expect(JSON.parse(gunzipSync(gzip.body).toString())).toEqual(document);

    const br = await get("/api/openapi.json", { "accept-encoding": "br, gzip" });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(JSON.parse(brotliDecompressSync(br.body).toString())).toEqual(document);
  });

  it("sends the public event, the same bytes to every screen, gzipped once per version", async () => {
    const plain = await get("/api/events/hmj-2026");
    expect(plain.status).toBe(200);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers["content-type"]).toMatch(/^application\/json/);
    expect(plain.headers["cache-control"]).toBe("no-store");
    const event = JSON.parse(plain.body.toString());
    expect(event.event.slug).toBe("hmj-2026");
    // Over the size worth compressing, so the test sees the prepared gzip path.
    expect(plain.body.length).toBeGreaterThan(1024);

    const first = await get("/api/events/hmj-2026", { "accept-encoding": "gzip, deflate, br" });
    const second = await get("/api/events/hmj-2026", { "accept-encoding": "gzip" });
    for (const res of [first, second]) {
      expect(res.status).toBe(200);
      expect(res.headers["content-encoding"]).toBe("gzip");
      expect(res.headers.vary).toMatch(/Accept-Encoding/i);
      expect(JSON.parse(gunzipSync(res.body).toString())).toEqual(event);
    }
    expect(second.body.equals(first.body)).toBe(true);

    // An organizer's edit makes a new version, and the next read (gzipped or not) shows it.
    const edit = await organizer.patch("/api/events/hmj-2026", {
      name: "Hack Manchester Junior, renamed",
    });
    expect(edit.status).toBe(200);
    const after = await get("/api/events/hmj-2026", { "accept-encoding": "gzip" });
    expect(JSON.parse(gunzipSync(after.body).toString()).event.name).toBe(
      "Hack Manchester Junior, renamed",
    );
    expect(JSON.parse((await get("/api/events/hmj-2026")).body.toString()).event.name).toBe(
      "Hack Manchester Junior, renamed",
    );
  });

  it("still streams the backup download, compressed", async () => {
    const headers = { cookie: organizerCookie };
    const plain = await get("/api/export", headers);
    expect(plain.status).toBe(200);
    const gzip = await get("/api/export", { ...headers, "accept-encoding": "gzip" });
    expect(gzip.status).toBe(200);
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(gzip.headers["transfer-encoding"]).toBe("chunked");
    expect(gzip.headers["content-disposition"]).toMatch(/attachment; filename="?hmj-backup-/);
    // The same document, but for the moment it was made.
    const unstamped = (text: string) => text.replace(/"exportedAt":"[^"]+"/, "");
    expect(unstamped(gunzipSync(gzip.body).toString())).toBe(unstamped(plain.body.toString()));
    expect(JSON.parse(plain.body.toString())).toMatchObject({ format: "hmj-export" });
  });

  it("leaves Socket.IO's long-polling working", async () => {
    const socket = io(server.url, {
      auth: { event: "hmj-2026" },
      transports: ["polling"],
      reconnection: false,
      extraHeaders: { "accept-encoding": "gzip" },
    });
    try {
      const clock = await new Promise<{ phase: string }>((resolve, reject) => {
        socket.once("clock", resolve);
        socket.once("connect_error", reject);
      });
      expect(clock.phase).toBe("registration");
      expect(socket.io.engine.transport.name).toBe("polling");
      // A round trip over the same transport after the snapshot.
      expect(typeof (await socket.timeout(5_000).emitWithAck("time:sync"))).toBe("number");
    } finally {
      socket.disconnect();
    }
  });
});
