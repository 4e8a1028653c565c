import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDbCommand } from "../../scripts/dbCommand";
import { type Database, openDatabase } from "../../server/db/client";
import { migrate } from "../../server/db/migrate";
import { members, schools } from "../../server/db/schema";
import { exportDatabase, importDatabase } from "../../server/db/transfer";
import { findEvent } from "../../server/services/events";
import { queueMail } from "../../server/services/outbox";
import type { EventSummary, TeamView } from "../../shared/api";
import { openTestDatabase } from "../helpers/database";
import { Client } from "../helpers/http";
import { judgingScenario, type Scenario } from "../helpers/scenario";
import { startTestServer, type TestServer } from "../helpers/server";

let server: TestServer;
let s: Scenario;
const root = path.resolve(import.meta.dirname, "../..");
const dirs: string[] = [];
const FIXED = new Date("2026-04-01T00:00:00Z");

beforeAll(async () => {
  server = await startTestServer();
  s = await judgingScenario(server, ["Oakwood Academy", "St Mary's High School"]);
  const { client } = await s.judge("judge@example.com");
  for (const team of s.teams) {
    const scores = Object.fromEntries(s.criteria.map((c) => [c.id, 3]));
    await client.request("PUT", `/api/judging/scores/${team.id}`, {
      scores,
      comment: 'Ünïcödé ✓ "quoted"\nnew line',
      idempotencyKey: `key-${team.id}`,
    });
  }
  await s.organizer.post("/api/events/hmj-2026/announcements", {
    text: "Pizza is in the main hall",
  });
  // The guardians' consent emails sign-up leaves in the outbox: personal data the purge removes.
  const { id: eventId } = await findEvent(server.database.db, "hmj-2026");
  for (const [i, team] of s.teams.entries())
    await queueMail(server.database.db, {
      eventId,
      to: `guardian${i}@example.com`,
      subject: `Please give consent for a member of ${team.name}`,
      body: "Answer at the consent link.",
      at: server.clock.now(),
    });
});
afterAll(async () => {
  await server.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function exportText(db: Database["db"]): Promise<string> {
  let text = "";
  await exportDatabase(
    db,
    (chunk) => {
      text += chunk;
    },
    FIXED,
  );
  return text;
}
const linesOf = (text: string) => createInterface({ input: Readable.from([text]) });

/** An empty, migrated database: embedded, or on the PostgreSQL server at `url`. */
async function freshDatabase(url?: string): Promise<Database> {
  if (url) {
    const database = await openDatabase({ url, dataDir: "memory://" });
    await migrate(database.db);
    return database;
  }
  return (await openTestDatabase({ embedded: true })).database;
}

describe("export and import", () => {
  it("streams the whole database as one JSON document over the API, for organizers only", async () => {
    const res = await s.organizer.get<{
      format: string;
      schemaVersion: number;
      tables: { name: string; rows: unknown[] }[];
    }>("/api/export");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="?hmj-backup-/);
    expect(res.body.format).toBe("hmj-export");
    const names = res.body.tables.map((t) => t.name);
    expect(names.indexOf("events")).toBeLessThan(names.indexOf("teams"));
    expect(names.indexOf("teams")).toBeLessThan(names.indexOf("scores"));
    expect(names).not.toContain("sessions");
    expect(res.body.tables.find((t) => t.name === "scores")!.rows).toHaveLength(6);
    expect((await new Client(server.url).get("/api/export")).status).toBe(401);
  });

  it("round-trips exactly into an empty database", async () => {
    const original = await exportText(server.database.db);
    const copy = await freshDatabase();
    try {
      expect(await importDatabase(copy.db, linesOf(original))).toBeGreaterThan(20);
      expect(await exportText(copy.db)).toBe(original);
    } finally {
      await copy.close();
    }
  });

  it.runIf(Boolean(process.env.TEST_DATABASE_URL))(
    "round-trips embedded → PostgreSQL → embedded with identical exports",
    async () => {
      const { default: postgres } = await import("postgres");
      const admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
      const name = `hmj_transfer_${Date.now()}`;
      await admin.unsafe(`CREATE DATABASE ${name}`);
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.pathname = `/${name}`;
      const embedded = await freshDatabase();
      const source = await exportText(server.database.db);
      try {
        await importDatabase(embedded.db, linesOf(source));
        const first = await exportText(embedded.db);
        const pg = await freshDatabase(url.toString());
        await importDatabase(pg.db, linesOf(first));
        const second = await exportText(pg.db);
        await pg.close();
        const back = await freshDatabase();
        await importDatabase(back.db, linesOf(second));
        expect(await exportText(back.db)).toBe(first);
        expect(second).toBe(first);
        await back.close();
      } finally {
        await embedded.close();
        await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      }
    },
    60_000,
  );

  it("refuses a non-empty database without replace, and replaces with it", async () => {
    const text = await exportText(server.database.db);
    const copy = await freshDatabase();
    try {
      await importDatabase(copy.db, linesOf(text));
      await expect(importDatabase(copy.db, linesOf(text))).rejects.toThrow(
        /already holds data.*--replace/,
      );
      await importDatabase(copy.db, linesOf(text), { replace: true });
      expect(await exportText(copy.db)).toBe(text);
    } finally {
      await copy.close();
    }
  });

  it("refuses a document from a newer schema, and a file that is not an export", async () => {
    const text = (await exportText(server.database.db)).replace(
      /"schemaVersion":\d+/,
      '"schemaVersion":999',
    );
    const copy = await freshDatabase();
    try {
      await expect(importDatabase(copy.db, linesOf(text))).rejects.toThrow(/newer version/);
      await expect(importDatabase(copy.db, linesOf('{"hello": "world"}\n'))).rejects.toThrow(
        /not a Hack Manchester Junior export/,
      );
    } finally {
      await copy.close();
    }
  });

  it("works from the command line on the embedded database", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "hmj-cli-"));
    dirs.push(dir);
    const file = path.join(dir, "backup.json");
    writeFileSync(file, await exportText(server.database.db));
    const env = { ...process.env, DATA_DIR: path.join(dir, "data"), DATABASE_URL: "" };
    // The command's work runs in this process; only the last call below starts a real one.
    const run = async (...args: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const status = await runDbCommand(args, env, {
        out: (line) => out.push(line),
        err: (line) => err.push(line),
      });
      return { status, stdout: out.join("\n"), stderr: err.join("\n") };
    };
    const imported = await run("import", file);
    expect(imported.status).toBe(0);
    expect(imported.stdout).toMatch(/Imported \d+ rows into the pglite database/);
    const again = await run("import", file);
    expect(again.status).not.toBe(0);
    expect(again.stderr).toMatch(/--replace/);
    const out = path.join(dir, "again.json");
    expect((await run("export", "--out", out)).status).toBe(0);
    const reexported = JSON.parse(readFileSync(out, "utf8")) as {
      tables: { name: string; rows: unknown[] }[];
    };
    expect(reexported.tables.find((t) => t.name === "teams")!.rows).toHaveLength(2);

    // `npm run import` itself: the script passes its arguments on and exits with the code.
    const missing = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        path.join(root, "scripts/db.ts"),
        "import",
        path.join(dir, "missing.json"),
        "--replace",
      ],
      { cwd: root, env, encoding: "utf8" },
    );
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/No such file/);
  }, 60_000);
});

describe("retention purge", () => {
  it("refuses before the event has finished, then deletes personal data and keeps the results", async () => {
    const waiting = await s.organizer.get<{ messages: unknown[] }>("/api/events/hmj-2026/outbox");
    expect(waiting.body.messages).toHaveLength(2);
    const early = await s.organizer.post("/api/events/hmj-2026/purge");
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ type: "/problems/event-not-finished" });

    server.clock.set(new Date("2026-03-16T09:00:00Z"));
    const organizer = await (await import("../helpers/factories")).signInOrganizer(
      server.url,
      server.database,
    );
    const summary = await organizer.get<{ events: EventSummary[] }>("/api/events");
    expect(summary.body.events[0]).toMatchObject({
      purgeDueAt: "2026-04-14T17:00:00.000Z",
      purgedAt: null,
    });
    const res = await organizer.post<{ members: number; teams: number }>(
      "/api/events/hmj-2026/purge",
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ members: 2, teams: 2 });

    const rows = await server.database.db.select().from(members);
    for (const m of rows) {
      expect(m).toMatchObject({
        lastName: null,
        dateOfBirth: null,
        guardianEmail: null,
        guardianPhone: null,
        dietary: null,
        medical: null,
        consentTokenHash: null,
      });
      expect(m.firstName).not.toBe("");
    }
    // School names are not personal data: they stay, with every member still at their school.
    const kept = await server.database.db.select().from(schools);
    expect(kept.length).toBeGreaterThan(0);
    const keptIds = new Set(kept.map((s) => s.id));
    expect(rows.every((m) => keptIds.has(m.schoolId))).toBe(true);
    expect(kept.every((s) => s.name !== "")).toBe(true);
    const teams = await organizer.get<{ teams: TeamView[] }>("/api/events/hmj-2026/teams");
    expect(teams.body.teams.map((t) => t.name)).toEqual(["Team A", "Team B"]);
    expect(teams.body.teams.every((t) => t.contactEmail?.endsWith("@invalid"))).toBe(true);
    expect((await new Client(server.url).post("/api/session", s.teams[0]!.contact)).status).toBe(
      401,
    );
    const board = await organizer.get<{ categories: { teams: unknown[] }[] }>(
      "/api/events/hmj-2026/leaderboard",
    );
    expect(board.body.categories[0]!.teams).toHaveLength(2);
    const outbox = await organizer.get<{ messages: unknown[] }>("/api/events/hmj-2026/outbox");
    expect(outbox.body.messages).toEqual([]);
    const after = await organizer.get<{ events: EventSummary[] }>("/api/events");
    expect(after.body.events[0]!.purgedAt).toBe("2026-03-16T09:00:00.000Z");
  });
});
