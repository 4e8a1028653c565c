import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../server/config";
import { openDatabase } from "../../server/db/client";
import { migrate, rowsOf } from "../../server/db/migrate";
import { openTestDatabase, testingOnPostgres } from "../helpers/database";
import { buildEvent } from "../helpers/factories";
import { Client } from "../helpers/http";
import { startMain, stop } from "../helpers/process";

const root = path.resolve(import.meta.dirname, "../..");
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(testingOnPostgres)("start-up on the embedded database", () => {
  it("prints a set-up link until there is an organizer, and keeps its data and the clock across a stop and a kill -9", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "hmj-data-"));
    dirs.push(dataDir);
    const env = { PORT: "0", DATA_DIR: dataDir, DATABASE_URL: "" };
    const organizerEnv = {
      ...env,
      ORGANIZER_EMAIL: "boss@example.com",
      ORGANIZER_PASSWORD: "boss password",
    };

    // First start, no organizer: a one-time set-up link of at least 128 bits.
    const first = await startMain({ ...env, ORGANIZER_EMAIL: "", ORGANIZER_PASSWORD: "" });
    const token = first.output().match(/\/setup\?token=([A-Za-z0-9_-]+)/)?.[1];
    try {
      expect((await new Client(first.url).get("/api/health")).body).toEqual({
        status: "ok",
        db: "pglite",
      });
      expect(token).toBeDefined();
      // startMain listens on loopback: the banner (tests/unit/banner.test.ts) says so.
      expect(first.output()).toContain("only this computer can open the app");
      expect(first.output()).not.toContain("On the venue wifi");
      expect(Buffer.from(token!, "base64url").length * 8).toBeGreaterThanOrEqual(128);
      expect((await new Client(first.url).get(`/api/setup/${token}`)).status).toBe(200);
    } finally {
      await stop(first.child);
    }

    // After a clean stop, ORGANIZER_EMAIL makes the organizer, and no link is printed.
    const now = Date.now();
    const hour = 3600_000;
    const second = await startMain(organizerEnv);
    let before: { remainingMs: number; paused: boolean };
    try {
      expect(second.output()).not.toContain("setup?token=");
      expect((await new Client(second.url).get(`/api/setup/${token}`)).status).toBe(410);
      const organizer = new Client(second.url);
      expect(
        (
          await organizer.post("/api/session", {
            email: "boss@example.com",
            password: "boss password",
          })
        ).status,
      ).toBe(200);
      const created = await organizer.post(
        "/api/events",
        buildEvent({
          slug: "kept-event",
          registrationOpensAt: new Date(now - 48 * hour).toISOString(),
          registrationClosesAt: new Date(now - 24 * hour).toISOString(),
          startsAt: new Date(now - hour).toISOString(),
          submissionsCloseAt: new Date(now + 5 * hour).toISOString(),
          endsAt: new Date(now + 8 * hour).toISOString(),
        }),
      );
      expect(created.status).toBe(201);
      expect(
        (await organizer.post("/api/events/kept-event/clock", { action: "extend", minutes: 15 }))
          .status,
      ).toBe(200);
      const paused = await organizer.post<typeof before>("/api/events/kept-event/clock", {
        action: "pause",
      });
      expect(paused.status).toBe(200);
      before = paused.body;
    } finally {
      second.child.kill("SIGKILL");
      await new Promise((resolve) => second.child.once("exit", resolve));
    }

    // After kill -9: the event is there and the clock is as it was.
    const third = await startMain(organizerEnv);
    try {
      expect((await new Client(third.url).get("/api/events/kept-event")).status).toBe(200);
      expect(third.output()).not.toContain("setup?token=");
      const after = await new Client(third.url).get<typeof before>("/api/events/kept-event/clock");
      expect(after.body.paused).toBe(true);
      // While paused the countdown is frozen, so the time left is exactly what it was.
      expect(after.body.remainingMs).toBe(before.remainingMs);
    } finally {
      await stop(third.child);
    }
    // Three starts, each allowed 60 s by startMain for a busy shared machine.
  }, 240_000);

  it("refuses to start with a bad setting and says which", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "server/main.ts")], {
      cwd: root,
      env: { ...process.env, PORT: "eighty" },
    });
    let err = "";
    child.stderr.on("data", (d) => {
      err += d;
    });
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code).toBe(2);
    expect(err).toContain("PORT: PORT must be a number.");
  }, 30_000);
});

describe("start-up on PostgreSQL", () => {
  it.runIf(Boolean(process.env.TEST_DATABASE_URL))(
    "answers health with db postgres when DATABASE_URL is set",
    async () => {
      const { default: postgres } = await import("postgres");
      const admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
      const name = `hmj_main_${Date.now()}`;
      await admin.unsafe(`CREATE DATABASE ${name}`);
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.pathname = `/${name}`;
      try {
        const started = await startMain({
          PORT: "0",
          DATABASE_URL: url.toString(),
          ORGANIZER_EMAIL: "",
          ORGANIZER_PASSWORD: "",
        });
        try {
          expect((await new Client(started.url).get("/api/health")).body).toEqual({
            status: "ok",
            db: "postgres",
          });
        } finally {
          await stop(started.child);
        }
      } finally {
        await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      }
    },
    60_000,
  );
});

describe("configuration", () => {
  it("uses the documented defaults", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      HOST: "0.0.0.0",
      DATA_DIR: "./data",
      LOG_LEVEL: "info",
    });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it.each([
    [{ PORT: "70000" }, "PORT"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
    [{ ORGANIZER_EMAIL: "not-an-email", ORGANIZER_PASSWORD: "long enough" }, "ORGANIZER_EMAIL"],
    [{ ORGANIZER_EMAIL: "a@example.com", ORGANIZER_PASSWORD: "short" }, "ORGANIZER_PASSWORD"],
    [{ ORGANIZER_EMAIL: "a@example.com" }, "ORGANIZER_PASSWORD"],
    [{ PUBLIC_URL: "hmj.local" }, "PUBLIC_URL"],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL"],
    [{ RATE_LIMITS: "maybe" }, 'RATE_LIMITS must be "on" or "off"'],
  ])("refuses %j naming %s", (env, name) => {
    expect(() => loadConfig(env)).toThrow(name);
  });

  it("drops a trailing slash from PUBLIC_URL", () => {
    expect(loadConfig({ PUBLIC_URL: "http://192.168.1.20:3000/" }).PUBLIC_URL).toBe(
      "http://192.168.1.20:3000",
    );
  });
});

describe("migrations", () => {
  it("apply once even when several instances start together", async () => {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) {
      // PGlite has one connection: racing migrators simply queue. Check that re-running applies nothing.
      const { database, drop } = await openTestDatabase({ migrated: false });
      try {
        expect(await migrate(database.db)).toBeGreaterThan(0);
        expect(await migrate(database.db)).toBe(0);
      } finally {
        await drop();
      }
      return;
    }
    const { default: postgres } = await import("postgres");
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    const name = `hmj_migrate_${Date.now()}`;
    await admin.unsafe(`CREATE DATABASE ${name}`);
    const dbUrl = new URL(url);
    dbUrl.pathname = `/${name}`;
    const instances = await Promise.all(
      [1, 2, 3, 4].map(() => openDatabase({ url: dbUrl.toString(), dataDir: "" })),
    );
    try {
      const applied = await Promise.all(instances.map((i) => migrate(i.db)));
      expect(applied.filter((n) => n > 0)).toHaveLength(1);
      const rows = rowsOf<{ n: number }>(
        await instances[0]!.db.execute(sql`SELECT count(*)::int AS n FROM app_migrations`),
      );
      expect(rows[0]!.n).toBe(applied.reduce((a, b) => a + b, 0));
    } finally {
      await Promise.all(instances.map((i) => i.close()));
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  }, 60_000);
});
