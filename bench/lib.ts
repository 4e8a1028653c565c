// What the benchmark sections share: the server under test as a child process, sockets in
// bulk, percentiles and the results table.
import { type ChildProcess, fork } from "node:child_process";
import path from "node:path";
import { io, type Socket } from "socket.io-client";

export const root = path.resolve(import.meta.dirname, "..");

export function percentiles(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p: number) =>
    s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? Number.NaN;
  return { n: s.length, p50: at(50), p95: at(95), p99: at(99), max: s.at(-1) ?? Number.NaN };
}

export const sleep = (t: number) => new Promise((r) => setTimeout(r, t));
export const ms = (x: number) => `${x.toFixed(1)} ms`;
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export type Row = [what: string, figure: string, target: string, ok: boolean | null];

export class Report {
  readonly rows: Row[] = [];
  readonly results: Record<string, unknown> = {};
  record(what: string, figure: string, target: string, ok: boolean | null) {
    this.rows.push([what, figure, target, ok]);
    console.log(`  ${ok === null ? " " : ok ? "✓" : "✗"} ${what}: ${figure} (target ${target})`);
  }
}

export interface BenchServer {
  child: ChildProcess;
  url: string;
  memory(): Promise<{ heapUsed: number; rss: number; sockets: number }>;
  /** Sends a message and waits for the answer of the given type. */
  ask<T>(message: Record<string, unknown>, answer: string): Promise<T>;
}

export async function startBenchServer(env: Record<string, string> = {}): Promise<BenchServer> {
  const child = fork(path.join(root, "bench/server.ts"), [], {
    // BENCH_PROFILE=dir writes a CPU profile of the server there, to see where time goes.
    execArgv: [
      "--import",
      "tsx",
      "--expose-gc",
      ...(process.env.BENCH_PROFILE
        ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
        : []),
    ],
    env: { ...process.env, RATE_LIMITS: "off", ...env },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const ready = await new Promise<{ port: number }>((resolve) =>
    child.once("message", (m) => resolve(m as { port: number })),
  );
  const ask = <T>(message: Record<string, unknown>, answer: string) =>
    new Promise<T>((resolve) => {
      const listen = (m: { type: string }) => {
        if (m.type !== answer) return;
        child.off("message", listen);
        resolve(m as T);
      };
      child.on("message", listen);
      child.send(message);
    });
  return {
    child,
    url: `http://127.0.0.1:${ready.port}`,
    ask,
    memory: () => ask({ type: "memory" }, "memory"),
  };
}

export type BenchSocket = Socket;

export interface ConnectOptions {
  slug?: string;
  cookie?: string;
  /** Connect this many at a time (default 100); Infinity opens them all at once. */
  batch?: number;
  /** Reconnect like a browser would (the client's own settings); default off. */
  reconnect?: boolean;
  /** Give up on a socket after this long (default: wait forever). */
  timeoutMs?: number;
}

/** Opens n sockets following an event; each counts as connected once its clock snapshot came. */
export async function connectMany(
  url: string,
  n: number,
  options: ConnectOptions = {},
): Promise<{ sockets: BenchSocket[]; failed: number }> {
  const sockets: BenchSocket[] = [];
  const batch = options.batch ?? 100;
  let failed = 0;
  for (let i = 0; i < n; i += batch) {
    const part = Array.from({ length: Math.min(batch, n - i) }, () => {
      const socket = io(url, {
        auth: { event: options.slug ?? "bench" },
        transports: ["websocket"],
        reconnection: options.reconnect ?? false,
        // The browser client's settings (client/lib/socket.ts).
        reconnectionDelay: 1_000,
        reconnectionDelayMax: 10_000,
        randomizationFactor: 0.5,
        extraHeaders: options.cookie ? { cookie: options.cookie } : {},
      });
      sockets.push(socket);
      return new Promise<void>((resolve) => {
        const timer = options.timeoutMs
          ? setTimeout(() => {
              failed++;
              resolve();
            }, options.timeoutMs)
          : undefined;
        socket.once("clock", () => {
          clearTimeout(timer);
          resolve();
        });
        socket.once("connect_error", () => {
          if (options.reconnect) return;
          clearTimeout(timer);
          failed++;
          resolve();
        });
      });
    });
    await Promise.all(part);
  }
  return { sockets, failed };
}
