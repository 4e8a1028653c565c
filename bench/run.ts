// `npm run bench`: starts the real server and measures it against docs/design.md section 6, on
// loopback with bounded load. Prints a table and writes bench/results.json.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { templateDir } from "../server/db/template";
import type { Leaderboard, TeamView } from "../shared/api";
import { buildCategory, buildEvent, buildMember, buildTeam } from "../tests/helpers/factories";
import { Client } from "../tests/helpers/http";
import {
  type BenchServer,
  type BenchSocket,
  ms,
  connectMany as openSockets,
  percentiles,
  Report,
  root,
  sleep,
  startBenchServer,
} from "./lib";
import { scaleBench } from "./scale";

async function connectMany(url: string, n: number, cookie?: string): Promise<BenchSocket[]> {
  return (await openSockets(url, n, { cookie })).sockets;
}

const quick = process.argv.includes("--quick");
const scale = process.argv.includes("--scale");
// `--only=reveal,startup` runs some sections: bundle, startup, latency, reveal, memory, writes,
// clock. The results file then holds only those.
const only = process.argv
  .find((a) => a.startsWith("--only="))
  ?.slice("--only=".length)
  .split(",");
const wants = (section: string) => !only || only.includes(section);
const report = new Report();
const results = report.results;
const rows = report.rows;
const record = report.record.bind(report);

// ---------------------------------------------------------------- start-up
// Runs `npm start`'s script after bundle() has built the client, so no build runs alongside;
// the first start copies the database template `npm install` made (server/db/template.ts).
async function startup() {
  console.log("Start-up to listening (embedded database)");
  const template = existsSync(path.join(templateDir(), "PG_VERSION"));
  if (!template) console.log("  (no database template: run npm install to make it)");
  const dataDir = path.join(mkdtempSync(path.join(os.tmpdir(), "hmj-bench-")), "data");
  const once = () =>
    new Promise<number>((resolve, reject) => {
      const started = performance.now();
      const child = spawn(process.execPath, [path.join(root, "scripts/start.mjs")], {
        cwd: root,
        env: {
          ...process.env,
          PORT: "0",
          HOST: "127.0.0.1",
          DATA_DIR: dataDir,
          DATABASE_URL: "",
          LOG_LEVEL: "warn",
        },
      });
      let out = "";
      child.stdout.on("data", (d) => {
        out += d;
        if (out.includes("Ready in")) {
          const elapsed = performance.now() - started;
          child.kill("SIGTERM");
          child.once("exit", () => resolve(elapsed));
        }
      });
      child.once("exit", (code) =>
        out.includes("Ready in") ? undefined : reject(new Error(`exit ${code}: ${out}`)),
      );
    });
  const first = await once();
  const again = await once();
  rmSync(path.dirname(dataDir), { recursive: true, force: true });
  results.startup = { firstStartMs: first, restartMs: again, template };
  record(
    `npm start to listening, first start (creates the database${template ? " from the template" : ", no template"})`,
    ms(first),
    "≤ 6000 ms",
    first <= 6000,
  );
  record("npm start to listening, restart", ms(again), "≤ 6000 ms", again <= 6000);
}

// ---------------------------------------------------------------- bundle
function bundle() {
  console.log("First-load JavaScript (gzip)");
  execFileSync(
    process.execPath,
    [path.join(root, "node_modules/vite/bin/vite.js"), "build", "--logLevel", "error"],
    { cwd: root },
  );
  const dist = path.join(root, "dist/client");
  const manifest = JSON.parse(
    readFileSync(path.join(dist, ".vite/manifest.json"), "utf8"),
  ) as Record<string, { file: string; imports?: string[]; isEntry?: boolean }>;
  const closure = (key: string, seen = new Set<string>()) => {
    if (seen.has(key) || !manifest[key]) return seen;
    seen.add(key);
    for (const dep of manifest[key]!.imports ?? []) closure(dep, seen);
    return seen;
  };
  const gz = (keys: Set<string>) =>
    [...keys]
      .map((k) => manifest[k]!.file)
      .filter((f) => f.endsWith(".js"))
      .reduce((sum, f) => sum + gzipSync(readFileSync(path.join(dist, f)), { level: 9 }).length, 0);
  const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry)!;
  const pages: [string, string, number][] = [
    ["/ (home)", "", 120],
    ["/events/:slug", "client/pages/PublicEventPage.tsx", 120],
    ["/events/:slug/register", "client/pages/register/RegisterPage.tsx", 120],
    ["/team", "client/pages/TeamHomePage.tsx", 120],
    ["/judge", "client/pages/judge/JudgeArea.tsx", 120],
    ["/organize", "client/pages/organize/OrganizeArea.tsx", 120],
    ["/display/:slug", "client/pages/display/DisplayPage.tsx", 100],
  ];
  const figures: Record<string, number> = {};
  for (const [page, module, targetKb] of pages) {
    const key =
      module &&
      (manifest[module]
        ? module
        : Object.keys(manifest).find(
            (k) => k.startsWith(path.dirname(module)) && k.endsWith(path.basename(module)),
          ));
    if (module && !key) {
      record(`first-load JS ${page}`, "page not found in the build", `≤ ${targetKb} KB`, null);
      continue;
    }
    const keys = closure(entry);
    if (key) closure(key, keys);
    const kb = gz(keys) / 1024;
    figures[page] = kb;
    record(`first-load JS ${page}`, `${kb.toFixed(1)} KB`, `≤ ${targetKb} KB`, kb <= targetKb);
  }
  results.firstLoadJsKb = figures;
}

// ---------------------------------------------------------------- server under load
async function setupEvent(url: string, teams: number) {
  const organizer = new Client(url);
  await organizer.post("/api/session", { email: "bench@example.com", password: "bench password" });
  const now = Date.now();
  const h = 3600_000;
  await organizer.post(
    "/api/events",
    buildEvent({
      slug: "bench",
      registrationOpensAt: new Date(now - h).toISOString(),
      registrationClosesAt: new Date(now + 24 * h).toISOString(),
      startsAt: new Date(now + 48 * h).toISOString(),
      submissionsCloseAt: new Date(now + 72 * h).toISOString(),
      endsAt: new Date(now + 76 * h).toISOString(),
    }),
  );
  const cat = await organizer.post<{
    category: { id: string; criteria: { id: string; maxScore: number }[] };
  }>("/api/events/bench/categories", buildCategory({ name: "Open" }));
  const { id: categoryId, criteria } = cat.body.category;
  for (let place = 1; place <= 10; place++) {
    await organizer.post("/api/events/bench/prizes", {
      categoryId,
      place,
      title: `Prize ${place}`,
      sponsor: "Sponsor",
    });
  }
  const teamIds: string[] = [];
  for (let i = 0; i < teams; i++) {
    const res = await new Client(url).post<{ team: TeamView }>(
      "/api/events/bench/teams",
      buildTeam(categoryId, { name: `Bench team ${i}`, members: [buildMember()] }),
    );
    const team = res.body.team;
    await organizer.post(
      `/api/events/bench/teams/${team.id}/members/${team.members[0]!.id}/consent`,
      { method: "paper", photoConsent: false },
    );
    await organizer.post(`/api/events/bench/teams/${team.id}/check-in`);
    teamIds.push(team.id);
  }
  const judges: Client[] = [];
  for (let j = 0; j < 3; j++) {
    const invite = await organizer.post<{ inviteUrl: string }>("/api/events/bench/judges", {
      name: `Judge ${j}`,
      email: `judge${j}@bench.test`,
      schools: [],
      categoryIds: [categoryId],
    });
    const judge = new Client(url);
    await judge.post(`/api/invites/${invite.body.inviteUrl.split("/").pop()}`, {
      password: "judge password",
    });
    judges.push(judge);
  }
  return { organizer, categoryId, criteria, teamIds, judges };
}

async function scoreLatency(server: BenchServer, label: string, sockets: number, saves: number) {
  const setup = await setupEvent(server.url, 12);
  const crowd = await connectMany(server.url, sockets);
  const [orgSocket] = await connectMany(server.url, 1, setup.organizer.cookieValue!);
  const display = crowd[0]!;
  // Saves run one after another and each bumps the scores version by one, so the board that
  // reflects save n carries a version of at least (version before it) + 1.
  let latest = -1;
  let waiter: { version: number; resolve: () => void } | null = null;
  // The whole board on connecting, then each save's change (leaderboard:change, with the version
  // it brings the board to).
  const seenVersion = (version: number) => {
    latest = Math.max(latest, version);
    if (waiter && latest >= waiter.version) {
      waiter.resolve();
      waiter = null;
    }
  };
  orgSocket!.on("leaderboard", (board: Leaderboard) => seenVersion(board.version));
  orgSocket!.on("leaderboard:change", (change: { version: number }) => seenVersion(change.version));
  while (latest < 0) await sleep(10);
  const toBoard: number[] = [];
  const toDisplay: number[] = [];
  const toCrowd: number[] = [];
  for (let i = 0; i < saves; i++) {
    const judge = setup.judges[i % setup.judges.length]!;
    const teamId = setup.teamIds[i % setup.teamIds.length]!;
    const scores = Object.fromEntries(
      setup.criteria.map((c, k) => [c.id, (i + k) % (c.maxScore + 1)]),
    );
    const expected = latest + 1;
    const seen = new Promise<void>((resolve) => {
      waiter = { version: expected, resolve };
    });
    const started = performance.now();
    await judge.request("PUT", `/api/judging/scores/${teamId}`, {
      scores,
      idempotencyKey: `bench-${label}-${i}-xxxx`,
    });
    await seen;
    toBoard.push(performance.now() - started);
    if (i % 10 === 0) {
      const t0 = performance.now();
      const seen = new Promise<void>((resolve) => display.once("announcement", () => resolve()));
      // Every screen of the crowd lives in this one process: the next save waits until all of
      // them took the announcement, or the time this process spends reading 2,500 copies would
      // count as the next save's (on the day each screen is its own device).
      const all = Promise.all(
        crowd.map((s) => new Promise<void>((resolve) => s.once("announcement", () => resolve()))),
      );
      await setup.organizer.post("/api/events/bench/announcements", { text: `Bench ${i}` });
      await seen;
      toDisplay.push(performance.now() - t0);
      await all;
      toCrowd.push(performance.now() - t0);
    }
  }
  for (const s of [...crowd, orgSocket!]) s.disconnect();
  return {
    board: percentiles(toBoard),
    display: percentiles(toDisplay),
    crowd: percentiles(toCrowd),
    setup,
  };
}

async function main() {
  console.log(
    `Benchmark on ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
  );
  results.machine = {
    cpus: os.cpus().length,
    model: os.cpus()[0]?.model,
    memGiB: os.totalmem() / 2 ** 30,
    node: process.version,
    db: process.env.DATABASE_URL ? "postgres" : "pglite",
  };
  if (scale) await scaleBench(report, quick, wants);
  else await standard();
  finish();
}

async function standard() {
  if (wants("bundle")) bundle();
  if (wants("startup")) await startup();

  for (const sockets of !wants("latency") ? [] : quick ? [500] : [500, 2500]) {
    console.log(`Score saved → organizer leaderboard, ${sockets} sockets connected`);
    const server = await startBenchServer();
    try {
      const { board, display, crowd } = await scoreLatency(
        server,
        String(sockets),
        sockets,
        quick ? 50 : 200,
      );
      results[`scoreToLeaderboard_${sockets}`] = board;
      results[`announcementToDisplay_${sockets}`] = display;
      results[`announcementToCrowd_${sockets}`] = crowd;
      record(
        `save → leaderboard p50/p95/p99 (${sockets} sockets)`,
        `${ms(board.p50)} / ${ms(board.p95)} / ${ms(board.p99)}`,
        "p99 ≤ 50 ms",
        board.p99 <= 50,
      );
      record(
        `push → display (announcement) p50/p99 (${sockets} sockets)`,
        `${ms(display.p50)} / ${ms(display.p99)}; the last of the crowd ${ms(crowd.p50)} / ${ms(crowd.p99)}`,
        "scores never reach the display",
        null,
      );
    } finally {
      server.child.kill();
    }
  }

  if (wants("reveal")) {
    console.log("Award reveal → last of 2,500 sockets");
    const server = await startBenchServer();
    try {
      const setup = await setupEvent(server.url, 12);
      for (const [i, teamId] of setup.teamIds.entries()) {
        for (const judge of setup.judges) {
          // Distinct totals for every team, so no place is shared.
          const values = [Math.min(10, i), Math.max(0, i - 10), 0];
          const scores = Object.fromEntries(setup.criteria.map((c, k) => [c.id, values[k]!]));
          await judge.request("PUT", `/api/judging/scores/${teamId}`, { scores });
        }
      }
      await setup.organizer.post("/api/events/bench/scoring/lock");
      const crowd = await connectMany(server.url, quick ? 500 : 2500);
      const reveals: number[] = [];
      const firsts: number[] = [];
      const answers: number[] = [];
      for (let r = 0; r < 10; r++) {
        const started = performance.now();
        let first = 0;
        const all = Promise.all(
          crowd.map(
            (s) =>
              new Promise<void>((resolve) =>
                s.once("ceremony:reveal", () => {
                  first ||= performance.now() - started;
                  resolve();
                }),
              ),
          ),
        );
        const res = await setup.organizer.post("/api/events/bench/ceremony/next");
        if (res.status !== 200) break;
        answers.push(performance.now() - started);
        await all;
        reveals.push(performance.now() - started);
        firsts.push(first);
      }
      const p = percentiles(reveals);
      results.revealToLastSocket = p;
      results.revealToFirstSocket = percentiles(firsts);
      results.revealAnswered = percentiles(answers);
      record(
        `reveal → last of ${crowd.length} sockets p50/max`,
        `${ms(p.p50)} / ${ms(p.max)}`,
        "≤ 250 ms",
        p.max <= 250,
      );
      const f = percentiles(firsts);
      const a = percentiles(answers);
      record(
        "reveal → first socket, and → the organizer's answer, p50/max",
        `${ms(f.p50)} / ${ms(f.max)}; ${ms(a.p50)} / ${ms(a.max)}`,
        "",
        null,
      );
      for (const s of crowd) s.disconnect();
    } finally {
      server.child.kill();
    }
  }

  if (wants("memory")) {
    console.log("Memory per idle socket");
    const server = await startBenchServer();
    try {
      await setupEvent(server.url, 1);
      const before = await server.memory();
      const n = quick ? 2000 : 10_000;
      const crowd = await connectMany(server.url, n);
      await sleep(1000);
      const after = await server.memory();
      const perSocket = (after.heapUsed - before.heapUsed) / n;
      results.memoryPerSocket = {
        sockets: after.sockets,
        heapBytesPerSocket: perSocket,
        rssBytesPerSocket: (after.rss - before.rss) / n,
      };
      record(
        `heap per socket with ${after.sockets} sockets`,
        `${(perSocket / 1024).toFixed(2)} KB (RSS ${((after.rss - before.rss) / n / 1024).toFixed(1)} KB)`,
        "≤ 10 KB",
        perSocket <= 10 * 1024,
      );
      for (const s of crowd) s.disconnect();
    } finally {
      server.child.kill();
    }
  }

  if (wants("writes")) {
    console.log("Sustained writes");
    const server = await startBenchServer();
    try {
      const setup = await setupEvent(server.url, 12);
      const run = async (
        seconds: number,
        concurrency: number,
        op: (i: number) => Promise<number>,
      ) => {
        const latencies: number[] = [];
        const end = performance.now() + seconds * 1000;
        let i = 0;
        let failed = 0;
        await Promise.all(
          Array.from({ length: concurrency }, async () => {
            while (performance.now() < end) {
              const t0 = performance.now();
              const status = await op(i++);
              if (status >= 400) failed++;
              latencies.push(performance.now() - t0);
            }
          }),
        );
        return { perSecond: latencies.length / seconds, failed, ...percentiles(latencies) };
      };
      const regs = await run(
        quick ? 3 : 10,
        8,
        async (i) =>
          (
            await new Client(server.url).post(
              "/api/events/bench/teams",
              buildTeam(setup.categoryId, { name: `Load ${i}`, members: [buildMember()] }),
            )
          ).status,
      );
      results.registrations = regs;
      record(
        "registrations per second (8 at a time)",
        `${regs.perSecond.toFixed(1)}/s, p99 ${ms(regs.p99)}, ${regs.failed} failed`,
        "sustained, no failures",
        regs.failed === 0,
      );
      const saves = await run(quick ? 3 : 10, 8, async (i) => {
        const scores = Object.fromEntries(
          setup.criteria.map((c, k) => [c.id, (i + k) % (c.maxScore + 1)]),
        );
        return (
          await setup.judges[i % 3]!.request(
            "PUT",
            `/api/judging/scores/${setup.teamIds[i % 12]}`,
            { scores },
          )
        ).status;
      });
      results.scoreSaves = saves;
      record(
        "score saves per second (8 at a time)",
        `${saves.perSecond.toFixed(1)}/s, p99 ${ms(saves.p99)}, ${saves.failed} failed`,
        "sustained, no failures",
        saves.failed === 0,
      );
    } finally {
      server.child.kill();
    }
  }

  if (wants("clock")) {
    console.log("Countdown agreement between two screens");
    const server = await startBenchServer();
    try {
      await setupEvent(server.url, 1);
      const [a, b] = await connectMany(server.url, 2);
      const offset = async (socket: BenchSocket) => {
        let best = { rtt: Number.POSITIVE_INFINITY, offset: 0 };
        for (let i = 0; i < 5; i++) {
          const sent = Date.now();
          const serverTime = await new Promise<number>((resolve) =>
            socket.emit("time:sync", resolve),
          );
          const received = Date.now();
          if (received - sent < best.rtt)
            best = { rtt: received - sent, offset: serverTime + (received - sent) / 2 - received };
        }
        return best.offset;
      };
      const diff = Math.abs((await offset(a!)) - (await offset(b!)));
      results.countdownDisagreementMs = diff;
      record(
        "countdown disagreement between two screens (same host)",
        ms(diff),
        "≤ 250 ms",
        diff <= 250,
      );
      a!.disconnect();
      b!.disconnect();
    } finally {
      server.child.kill();
    }
  }
}

function finish() {
  mkdirOut();
  writeFileSync(
    path.join(root, scale ? "bench/results-scale.json" : "bench/results.json"),
    `${JSON.stringify({ at: new Date().toISOString(), ...results }, null, 2)}\n`,
  );
  console.log("\n| figure | measured | target | |\n|---|---|---|---|");
  for (const [what, figure, target, ok] of rows)
    console.log(`| ${what} | ${figure} | ${target} | ${ok === null ? "" : ok ? "✓" : "✗"} |`);
  console.log(`\nWrote bench/${scale ? "results-scale" : "results"}.json`);
  process.exit(0);
}

function mkdirOut() {
  if (!existsSync(path.join(root, "bench"))) throw new Error("bench/ is missing");
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
