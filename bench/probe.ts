// Asks /api/health every 50 ms from its own process (so that the benchmark's thousands of
// sockets do not delay the asking) until told to stop; answers with the latencies.
import http from "node:http";

const url = new URL(process.argv[2]!);
const latencies: number[] = [];
let running = true;

function once(): Promise<void> {
  return new Promise((resolve) => {
    const started = performance.now();
    const req = http.get({ host: url.hostname, port: url.port, path: url.pathname }, (res) => {
      res.resume();
      res.on("end", () => {
        latencies.push(performance.now() - started);
        resolve();
      });
    });
    req.on("error", () => {
      latencies.push(Number.POSITIVE_INFINITY);
      resolve();
    });
  });
}

process.on("message", () => {
  running = false;
});
process.send?.({ type: "ready" });
while (running) {
  await once();
  await new Promise((r) => setTimeout(r, 50));
}
process.send?.({ type: "latencies", latencies });
process.exit(0);
