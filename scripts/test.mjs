// `npm test`: the type check and lint run beside the tests rather than before them. The tests
// keep both cores of a small laptop only about nine tenths busy (they wait on sockets and child
// processes), and the type check fills most of the rest, so `npm test` ends about when the
// tests do. The checks' output is held until the tests end, so it is not lost among theirs.
// Exits non-zero when any of the three fails. Arguments go to vitest.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

function run(command, args, { quiet }) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: root,
      stdio: quiet ? ["ignore", "pipe", "pipe"] : "inherit",
      shell: process.platform === "win32",
    });
    let output = "";
    child.stdout?.on("data", (d) => {
      output += d;
    });
    child.stderr?.on("data", (d) => {
      output += d;
    });
    child.on("exit", (code, signal) => resolve({ ok: code === 0, code, signal, output }));
  });
}

const checks = [
  ["type check", run(npm, ["run", "--silent", "typecheck"], { quiet: true })],
  ["lint", run(npm, ["run", "--silent", "lint"], { quiet: true })],
];
const vitest = path.join(root, "node_modules", "vitest", "vitest.mjs");
const tests = await run(process.execPath, [vitest, "run", ...process.argv.slice(2)], {
  quiet: false,
});

let failed = !tests.ok;
for (const [name, pending] of checks) {
  const result = await pending;
  const said = result.output.trim();
  console.log(`\n${result.ok ? "✓" : "✗"} ${name}${said ? `:\n${said}` : ""}`);
  if (!result.ok) failed = true;
}
if (failed) console.error("\nnpm test failed: see above.");
process.exit(failed ? 1 : 0);
