// A keep-alive HTTP load generator, run as its own process so that it does not share an event
// loop with what it measures: `tsx bench/load.ts <url> <seconds> <concurrency>` prints JSON.
import http from "node:http";

const [url, secondsArg, concurrencyArg] = process.argv.slice(2);
const seconds = Number(secondsArg ?? 5);
const concurrency = Number(concurrencyArg ?? 32);
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const target = new URL(url!);

let done = 0;
let errors = 0;
let bytes = 0;
const end = Date.now() + seconds * 1000;
function one(): Promise<void> {
  return new Promise((resolve) => {
    const req = http.get(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        agent,
        headers: { "accept-encoding": "gzip" },
      },
      (res) => {
        res.on("data", (chunk: Buffer) => {
          bytes += chunk.length;
        });
        res.on("end", () => {
          if (res.statusCode === 200) done++;
          else errors++;
          resolve();
        });
      },
    );
    req.on("error", () => {
      errors++;
      resolve();
    });
  });
}
const started = Date.now();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (Date.now() < end) await one();
  }),
);
const elapsed = (Date.now() - started) / 1000;
process.stdout.write(
  JSON.stringify({
    requests: done,
    errors,
    perSecond: done / elapsed,
    bytesPerResponse: done ? bytes / done : 0,
  }),
);
agent.destroy();
