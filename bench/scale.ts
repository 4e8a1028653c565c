// `npm run bench -- --scale`: a big event (docs/design.md section 6: 2,500 teams, 200 judges,
// 7,500 score cards, 10,000 screens) on this machine. The bulk is seeded in the database (bench/
// seed.ts); every figure is measured through the API and real sockets.
import { execFile, fork } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import {
  type BenchServer,
  type BenchSocket,
  connectMany,
  kb,
  ms,
  percentiles,
  type Report,
  root,
  sleep,
  startBenchServer,
} from "./lib";
import type { ScaleEvent, ScaleOptions } from "./seed";

const run = promisify(execFile);

function judgeClient(url: string, cookie: string) {
  return async (method: string, route: string, body?: unknown) => {
    const res = await fetch(url + route, {
      method,
      headers: {
        cookie,
        origin: url,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, text, json: () => JSON.parse(text) as unknown };
  };
}

type Save = { judge: ScaleEvent["judges"][number]; teamId: string; scores: Record<string, number> };

function randomSave(event: ScaleEvent, categoryOf: Map<string, string>, i: number): Save {
  const judge = event.judges[(i * 7919) % event.judges.length]!;
  const teamId = judge.teamIds[(i * 31) % judge.teamIds.length]!;
  const scores = Object.fromEntries(
    event.criteria[categoryOf.get(teamId)!]!.map((c, k) => [
      c.id,
      (i * 13 + k * 5) % (c.maxScore + 1),
    ]),
  );
  return { judge, teamId, scores };
}

/** Requests per second from a separate load process, for one URL. */
async function throughput(url: string, seconds: number, concurrency: number) {
  const { stdout } = await run(
    process.execPath,
    [
      "--import",
      "tsx",
      path.join(root, "bench/load.ts"),
      url,
      String(seconds),
      String(concurrency),
    ],
    { cwd: root },
  );
  return JSON.parse(stdout) as {
    requests: number;
    errors: number;
    perSecond: number;
    bytesPerResponse: number;
  };
}

/** /api/health asked every 50 ms from a process of its own, until stopped. */
async function startProbe(url: string) {
  const child = fork(path.join(root, "bench/probe.ts"), [url], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  await new Promise((resolve) => child.once("message", resolve));
  return {
    stop: () =>
      new Promise<number[]>((resolve) => {
        child.once("message", (m) => resolve((m as { latencies: number[] }).latencies));
        child.send({ type: "stop" });
      }),
  };
}

async function startHello(): Promise<{ url: string; stop: () => void }> {
  const child = fork(path.join(root, "bench/hello.ts"), [], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const { port } = await new Promise<{ port: number }>((resolve) =>
    child.once("message", (m) => resolve(m as { port: number })),
  );
  return { url: `http://127.0.0.1:${port}/hello`, stop: () => child.kill() };
}

/** Sections: list, reads, burst, memory, board, saves, storm. */
export async function scaleBench(
  report: Report,
  quick: boolean,
  wants: (section: string) => boolean,
): Promise<void> {
  const options: ScaleOptions = quick
    ? { teams: 600, judges: 60, judgesPerTeam: 3, categories: 4, schools: 60 }
    : { teams: 2500, judges: 200, judgesPerTeam: 3, categories: 4, schools: 150 };
  const screens = quick ? 2_000 : 10_000;
  console.log(
    `A big event: ${options.teams} teams, ${options.judges} judges, ${options.judgesPerTeam} judges per team, ${screens} screens`,
  );
  const server: BenchServer = await startBenchServer();
  const crowd: BenchSocket[] = [];
  try {
    const seeded = await server.ask<{ event?: ScaleEvent; error?: string }>(
      { type: "seed-scale", options },
      "seeded",
    );
    if (!seeded.event) throw new Error(`seeding failed: ${seeded.error}`);
    const event = seeded.event;
    const categoryOf = new Map<string, string>();
    // Each team's category, from the event's public data and a judge's list.
    for (const judge of event.judges) {
      const list = (
        await judgeClient(server.url, judge.cookie)("GET", "/api/judging/assignments")
      ).json() as {
        teams: { teamId: string; categoryId: string }[];
      };
      for (const t of list.teams) categoryOf.set(t.teamId, t.categoryId);
      if (categoryOf.size === event.teamIds.length) break;
    }
    report.results.scaleEvent = { ...options, cards: event.cards, screens };

    // ------------------------------------------------------------ a judge's list
    if (wants("list")) {
      const times: number[] = [];
      const sizes: number[] = [];
      for (const judge of event.judges.slice(0, 40)) {
        const started = performance.now();
        const res = await judgeClient(server.url, judge.cookie)("GET", "/api/judging/assignments");
        times.push(performance.now() - started);
        sizes.push(Buffer.byteLength(res.text));
      }
      const t = percentiles(times);
      const s = percentiles(sizes);
      report.results.judgeList = { ms: t, bytes: s };
      report.record(
        "a judge's list of teams: time p50/max, size max",
        `${ms(t.p50)} / ${ms(t.max)}, ${kb(s.max)}`,
        "≤ 100 ms, ≤ 50 KB",
        t.max <= 100 && s.max <= 50 * 1024,
      );
    }

    // ------------------------------------------------------------ public reads vs bare Express
    if (wants("reads")) {
      const hello = await startHello();
      try {
        const seconds = quick ? 3 : 5;
        const bare = await throughput(hello.url, seconds, 32);
        const eventPage = await throughput(`${server.url}/api/events/${event.slug}`, seconds, 32);
        const clock = await throughput(`${server.url}/api/events/${event.slug}/clock`, seconds, 32);
        const results = await throughput(
          `${server.url}/api/events/${event.slug}/results`,
          seconds,
          32,
        );
        report.results.publicReads = { bare, eventPage, clock, results };
        const ratio = (x: { perSecond: number }) => (100 * x.perSecond) / bare.perSecond;
        report.record(
          "public GET /api/events/:slug vs bare Express, same run",
          `${eventPage.perSecond.toFixed(0)}/s vs ${bare.perSecond.toFixed(0)}/s = ${ratio(eventPage).toFixed(0)} % (${kb(eventPage.bytesPerResponse)} each, ${eventPage.errors} errors)`,
          "≥ 50 %",
          ratio(eventPage) >= 50 && eventPage.errors === 0,
        );
        report.record(
          "display's other first calls: clock, results",
          `${ratio(clock).toFixed(0)} %, ${ratio(results).toFixed(0)} %`,
          "≥ 50 %",
          ratio(clock) >= 50 && ratio(results) >= 50,
        );
      } finally {
        hello.stop();
      }
    }

    // ------------------------------------------------------------ 500 screens at once
    if (wants("burst")) {
      const started = performance.now();
      const burst = await connectMany(server.url, 500, {
        slug: event.slug,
        batch: Number.POSITIVE_INFINITY,
        timeoutMs: 10_000,
      });
      const took = performance.now() - started;
      crowd.push(...burst.sockets);
      report.results.connectBurst = { sockets: 500, failed: burst.failed, ms: took };
      report.record(
        "500 screens connecting at once",
        `${500 - burst.failed} of 500 in ${ms(took)}`,
        "all",
        burst.failed === 0,
      );
    }

    // ------------------------------------------------------------ 10,000 screens held
    if (wants("memory")) {
      const before = await server.memory();
      const more = await connectMany(server.url, screens - crowd.length, {
        slug: event.slug,
        batch: 200,
      });
      crowd.push(...more.sockets);
      await sleep(1000);
      const after = await server.memory();
      const perSocket = (after.heapUsed - before.heapUsed) / more.sockets.length;
      report.results.scaleMemory = {
        sockets: after.sockets,
        heapBytesPerSocket: perSocket,
        failed: more.failed,
      };
      report.record(
        `heap per socket, ${after.sockets} sockets held`,
        `${(perSocket / 1024).toFixed(2)} KB (RSS ${((after.rss - before.rss) / more.sockets.length / 1024).toFixed(1)} KB), ${more.failed} failed`,
        "≤ 10 KB",
        perSocket <= 10 * 1024 && more.failed === 0,
      );
    }

    // ------------------------------------------------------------ save → organizer's screen
    if (wants("board")) {
      const organizer = await connectMany(server.url, 1, {
        slug: event.slug,
        cookie: event.organizerCookie,
      });
      const org = organizer.sockets[0]!;
      let latest = -1;
      const pushedBytes: number[] = [];
      let waiter: { version: number; resolve: () => void } | null = null;
      const onBoard = (board: { version: number }) => {
        pushedBytes.push(Buffer.byteLength(JSON.stringify(board)));
        latest = Math.max(latest, board.version);
        if (waiter && latest >= waiter.version) {
          waiter.resolve();
          waiter = null;
        }
      };
      org.on("leaderboard", onBoard);
      org.on("leaderboard:change", onBoard);
      // The first board is the snapshot: wait for it, then count only what saves push.
      for (let waited = 0; latest < 0 && waited < 30_000; waited += 10) await sleep(10);
      pushedBytes.length = 0;
      const latencies: number[] = [];
      const saves = quick ? 100 : 300;
      for (let i = 0; i < saves; i++) {
        const save = randomSave(event, categoryOf, i);
        const seen = new Promise<void>((resolve) => {
          waiter = { version: latest + 1, resolve };
        });
        const started = performance.now();
        const res = await judgeClient(server.url, save.judge.cookie)(
          "PUT",
          `/api/judging/scores/${save.teamId}`,
          { scores: save.scores },
        );
        if (res.status !== 200) throw new Error(`save answered ${res.status}: ${res.text}`);
        await Promise.race([seen, sleep(5_000)]);
        latencies.push(performance.now() - started);
      }
      const p = percentiles(latencies);
      const b = percentiles(pushedBytes);
      report.results.scaleSaveToBoard = { ms: p, pushBytes: b };
      report.record(
        `save → organizer's board p50/p99 (${options.teams} teams, ${event.cards} cards, ${crowd.length} screens)`,
        `${ms(p.p50)} / ${ms(p.p99)}`,
        "p99 ≤ 50 ms",
        p.p99 <= 50,
      );
      report.record(
        "what one save pushes to an organizer, p50/max",
        `${kb(b.p50)} / ${kb(b.max)}`,
        "the change, a few KB (≤ 10 KB)",
        b.max <= 10 * 1024,
      );
      org.disconnect();
    }

    // ------------------------------------------------------------ sustained saves
    if (wants("saves")) {
      const paths = () =>
        server.ask<{ oneStatement: number; locked: number; statements: number }>(
          { type: "save-paths" },
          "save-paths",
        );
      const pathsBefore = await paths();
      const seconds = quick ? 5 : 10;
      const end = performance.now() + seconds * 1000;
      const latencies: number[] = [];
      let failed = 0;
      // Each worker saves for its own judges, so the last answer per card is known.
      const last = new Map<string, Save>();
      let i = 0;
      await Promise.all(
        Array.from({ length: 8 }, async (_, worker) => {
          const mine = event.judges.filter((_, k) => k % 8 === worker);
          while (performance.now() < end) {
            const n = i++;
            const judge = mine[n % mine.length]!;
            const teamId = judge.teamIds[Math.floor(n / mine.length) % judge.teamIds.length]!;
            const scores = Object.fromEntries(
              event.criteria[categoryOf.get(teamId)!]!.map((c, k) => [
                c.id,
                (n + k) % (c.maxScore + 1),
              ]),
            );
            const started = performance.now();
            const res = await judgeClient(server.url, judge.cookie)(
              "PUT",
              `/api/judging/scores/${teamId}`,
              {
                scores,
                idempotencyKey: `scale-${n}-xxxxxxxx`,
              },
            );
            latencies.push(performance.now() - started);
            if (res.status === 200) last.set(`${judge.id}:${teamId}`, { judge, teamId, scores });
            else failed++;
          }
        }),
      );
      // None lost: every card reads back as its last acknowledged save.
      let lost = 0;
      const byJudge = new Map<string, Save[]>();
      for (const save of last.values())
        byJudge.set(save.judge.id, [...(byJudge.get(save.judge.id) ?? []), save]);
      for (const [, list] of byJudge) {
        const mine = (
          await judgeClient(server.url, list[0]!.judge.cookie)("GET", "/api/judging/assignments")
        ).json() as {
          teams: { teamId: string; myScores: Record<string, number> }[];
        };
        for (const save of list) {
          const card = mine.teams.find((t) => t.teamId === save.teamId);
          if (
            !card ||
            JSON.stringify(card.myScores, Object.keys(save.scores).sort()) !==
              JSON.stringify(save.scores, Object.keys(save.scores).sort())
          )
            lost++;
        }
      }
      const p = percentiles(latencies);
      const perSecond = latencies.length / seconds;
      const pathsAfter = await paths();
      const oneStatement = pathsAfter.oneStatement - pathsBefore.oneStatement;
      const locked = pathsAfter.locked - pathsBefore.locked;
      const statements = pathsAfter.statements - pathsBefore.statements;
      report.results.scaleSaves = {
        perSecond,
        failed,
        lost,
        oneStatement,
        statements,
        locked,
        ...p,
      };
      report.record(
        "score saves, 8 in flight",
        `${perSecond.toFixed(0)}/s, p99 ${ms(p.p99)}, ${failed} failed, ${lost} of ${last.size} cards lost; ${oneStatement} in ${statements} statements, ${locked} locked`,
        "≥ 200/s, none lost",
        perSecond >= 200 && failed === 0 && lost === 0,
      );
    }

    // ------------------------------------------------------------ reconnect storm
    for (const s of crowd.splice(0)) s.disconnect();
    await sleep(500);
    if (wants("storm")) {
      const n = quick ? 1_000 : 2_500;
      const judgesIn = Math.min(event.judges.length, Math.floor(n / 10));
      const storm: BenchSocket[] = [];
      for (const judge of event.judges.slice(0, judgesIn))
        storm.push(
          ...(
            await connectMany(server.url, 1, {
              slug: event.slug,
              cookie: judge.cookie,
              reconnect: true,
            })
          ).sockets,
        );
      storm.push(
        ...(
          await connectMany(server.url, n - judgesIn, {
            slug: event.slug,
            reconnect: true,
            batch: 200,
          })
        ).sockets,
      );
      await sleep(500);
      // The wifi drops: every connection closes at once, and each screen retries by itself.
      const back = storm.map(
        (s) =>
          new Promise<number>((resolve) => {
            s.once("connect", () => s.once("clock", () => resolve(performance.now())));
          }),
      );
      const probe = await startProbe(`${server.url}/api/health`);
      const dropped = performance.now();
      for (const s of storm) (s.io as unknown as { engine: { close(): void } }).engine.close();
      const times = await Promise.all(
        back.map((p) => Promise.race([p, sleep(30_000).then(() => Number.NaN)])),
      );
      const health = await probe.stop();
      const within = times.filter((t) => !Number.isNaN(t) && t - dropped <= 10_000).length;
      const lastBack = Math.max(...times.filter((t) => !Number.isNaN(t))) - dropped;
      const h = percentiles(health);
      report.results.reconnectStorm = {
        sockets: n,
        within10s: within,
        lastBackMs: lastBack,
        healthMs: h,
      };
      report.record(
        `reconnect storm: ${n} screens drop at once and retry like browsers`,
        `${within} of ${n} back within 10 s (last ${ms(lastBack)}); /api/health p95 ${ms(h.p95)}, max ${ms(h.max)}`,
        "all within 10 s; the app keeps answering",
        within === n && h.max < 1_000,
      );
      for (const s of storm) {
        s.io.reconnection(false);
        s.disconnect();
      }
    }
  } finally {
    for (const s of crowd) s.disconnect();
    server.child.kill();
  }
}
