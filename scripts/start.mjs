// `npm start`: builds the client when it is missing or older than its sources (in parallel
// with the server's start-up, which serves a "starting" page until the build lands), then
// runs the server. Arguments after `--` go to the server (for example `--demo`).
import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const builtIndex = path.join(root, "dist", "client", "index.html");

function newestMtime(target) {
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(target))
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

function clientIsStale() {
  if (!existsSync(builtIndex)) return true;
  const sources = ["client", "shared", "index.html", "vite.config.ts", "package-lock.json"]
    .map((p) => path.join(root, p))
    .filter((p) => existsSync(p));
  return Math.max(...sources.map(newestMtime)) > statSync(builtIndex).mtimeMs;
}

const children = [];
if (clientIsStale()) {
  console.log("Building the web client (first start or after a change)…");
  const build = spawn(
    process.execPath,
    [path.join(root, "node_modules", "vite", "bin", "vite.js"), "build", "--logLevel", "warn"],
    {
      cwd: root,
      stdio: "inherit",
    },
  );
  children.push(build);
  build.on("exit", (code) => {
    children.splice(children.indexOf(build), 1);
    if (code === 0) console.log("Web client built.");
    else
      console.error(
        `Building the web client failed (exit ${code}). The API still runs; run "npm run build" to see why.`,
      );
  });
}

const server = spawn(
  process.execPath,
  ["--import", "tsx", path.join(root, "server", "main.ts"), ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: "inherit",
  },
);
children.push(server);
server.on("exit", (code, signal) => {
  for (const child of children) if (child !== server) child.kill("SIGTERM");
  process.exit(code ?? (signal ? 1 : 0));
});
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => server.kill(signal));
}
