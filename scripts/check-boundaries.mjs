// Enforces the architecture's import rules: shared/ imports neither server/ nor client/,
// and client/ never imports server/. Exits non-zero and names each offending import.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const rules = [
  { from: "shared", forbidden: ["server", "client"] },
  { from: "client", forbidden: ["server"] },
];

function* files(dir) {
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) yield* files(full);
    else if (/\.(ts|tsx|mts|js|mjs)$/.test(entry)) yield full;
  }
}

const importPattern =
  /(?:import|export)[^"'`]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;
const problems = [];
for (const rule of rules) {
  for (const file of files(path.join(root, rule.from))) {
    const source = readFileSync(file, "utf8");
    for (const match of source.matchAll(importPattern)) {
      const spec = match[1] ?? match[2];
      if (!spec?.startsWith(".")) continue;
      const target = path.relative(root, path.resolve(path.dirname(file), spec)).split(path.sep)[0];
      if (rule.forbidden.includes(target)) {
        problems.push(
          `${path.relative(root, file)} imports ${spec} (${rule.from}/ must not import ${target}/)`,
        );
      }
    }
  }
}
if (problems.length) {
  console.error(`Import boundary violations:\n${problems.map((p) => `  ${p}`).join("\n")}`);
  process.exit(1);
}
console.log("Import boundaries respected.");
