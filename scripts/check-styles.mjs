// Keeps the client's stylesheets from colliding. Vite bundles every stylesheet as plain global
// CSS, so a class styled in two files takes whichever rule the browser loaded last, and a
// page's look changes with the pages visited before it. The rules:
//
// - client/styles/*.css hold the shared pieces (buttons, cards, fields…); each class there is
//   defined in one of them only.
// - Every other stylesheet belongs to one component, page or section and starts with a
//   comment naming its prefix, `/* prefix: judging */`; its classes are `judging` and
//   `judging-…` (a longer prefix declared elsewhere wins: `stage-timer-…` is not `stage`'s).
// - Such a stylesheet may also use shared classes, classes of the components (client/components)
//   and classes of the stylesheets beside it (the same page), never another page's.
// - Each of its rules starts from one of its own classes (`.judging-cell .badge`, not
//   `.badge`), so a rule can only reach the elements of the page that owns it. The same goes
//   for animation and print page names.
//
// CSS Modules would scope class names at build time too, but their class maps are JavaScript
// that every page loads, and the projector's page is within 2 KB of its 100 KB budget; prefixes
// cost nothing at run time. Exits non-zero and names each problem with its file and line.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const clientDir = path.join(root, "client");
const sharedDir = path.join(clientDir, "styles");
const componentsDir = path.join(clientDir, "components");

function* stylesheets(dir) {
  for (const entry of readdirSync(dir).sort()) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) yield* stylesheets(full);
    else if (entry.endsWith(".css")) yield full;
  }
}

/** Replaces comments and string contents with spaces, keeping every offset and line. */
function blankOut(css) {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, " "))
    .replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g, (m) => `"${" ".repeat(m.length - 2)}"`);
}

/**
 * The style rules of a stylesheet, as { selector, line }, descending into @media and
 * @supports; and the names it gives to keyframes and print pages.
 */
function parse(css) {
  const text = blankOut(css);
  const rules = [];
  const names = [];
  const lineAt = (offset) => text.slice(0, offset).split("\n").length;
  const walk = (start, end) => {
    let i = start;
    while (i < end) {
      const open = text.indexOf("{", i);
      if (open === -1 || open >= end) return;
      const prelude = text.slice(i, open).replace(/^[\s;}]+/, "");
      const preludeAt = open - prelude.length;
      let depth = 1;
      let close = open + 1;
      while (depth > 0 && close < end) {
        if (text[close] === "{") depth++;
        else if (text[close] === "}") depth--;
        close++;
      }
      const at = prelude.match(/^@([\w-]+)\s*(.*)$/s);
      if (!at) rules.push({ selector: prelude.trim(), line: lineAt(preludeAt) });
      else if (["media", "supports", "layer", "container"].includes(at[1]))
        walk(open + 1, close - 1);
      else if (at[1] === "keyframes" || at[1] === "page") {
        const name = at[2].trim().split(/[\s:]/)[0];
        if (name) names.push({ kind: at[1], name, line: lineAt(preludeAt) });
      }
      i = close;
    }
  };
  walk(0, text.length);
  return { rules, names };
}

/** Splits at top-level occurrences of `separator` (not inside parentheses or brackets). */
function splitTop(text, isSeparator) {
  const parts = [];
  let depth = 0;
  let current = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "(" || ch === "[") depth++;
    else if (ch === ")" || ch === "]") depth--;
    if (depth === 0 && isSeparator(text, i)) {
      parts.push(current);
      current = "";
    } else current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter(Boolean);
}

const classPattern = /\.(-?[_a-zA-Z][\w-]*)/g;
const classesIn = (text) => [...text.matchAll(classPattern)].map((m) => m[1]);

/** The first compound of a complex selector: `.a.b:has(.c) > .d` → `.a.b:has(.c)`. */
function firstCompound(selector) {
  const normalized = selector.replace(/\s*([>+~])\s*/g, " $1 ");
  return splitTop(normalized, (t, i) => /\s/.test(t[i]))[0] ?? "";
}

/** Classes that scope a compound: its own, and those a `:has()` in it asks for. */
function scopingClasses(compound) {
  const own = classesIn(compound.replace(/:(not|is|where|has)\((?:[^()]|\([^()]*\))*\)/g, ""));
  const had = [...compound.matchAll(/:has\(((?:[^()]|\([^()]*\))*)\)/g)].flatMap((m) =>
    classesIn(m[1]),
  );
  return [...own, ...had];
}

const relative = (file) => path.relative(root, file);
const problems = [];
const sheets = [...stylesheets(clientDir)].map((file) => {
  const css = readFileSync(file, "utf8");
  const shared = path.dirname(file) === sharedDir;
  const declared = css.match(/^\s*\/\*\s*prefix:\s*([a-z][a-z0-9-]*)\s*\*\//);
  if (!shared && !declared)
    problems.push(
      `${relative(file)}:1: starts without its prefix; add a first line like /* prefix: name */`,
    );
  return {
    file,
    shared,
    component: path.dirname(file) === componentsDir,
    prefix: declared?.[1] ?? null,
    ...parse(css),
  };
});

// Who owns which prefix.
const byPrefix = new Map();
for (const sheet of sheets) {
  if (!sheet.prefix) continue;
  const other = byPrefix.get(sheet.prefix);
  if (other)
    problems.push(
      `${relative(sheet.file)}:1: prefix "${sheet.prefix}" is already ${relative(other.file)}'s`,
    );
  else byPrefix.set(sheet.prefix, sheet);
}
const prefixes = [...byPrefix.keys()].sort((a, b) => b.length - a.length);
const prefixOwner = (name) => {
  const prefix = prefixes.find((p) => name === p || name.startsWith(`${p}-`));
  return prefix ? byPrefix.get(prefix) : undefined;
};

// The shared classes: each is defined (starts a rule) in one shared stylesheet only.
const sharedOwner = new Map();
const sharedSheets = sheets.filter((s) => s.shared);
for (const sheet of sharedSheets) {
  for (const { selector, line } of sheet.rules) {
    for (const complex of splitTop(selector, (t, i) => t[i] === ",")) {
      for (const name of new Set(scopingClasses(firstCompound(complex)))) {
        const other = sharedOwner.get(name);
        if (other && other !== sheet)
          problems.push(
            `${relative(sheet.file)}:${line}: .${name} is defined in two files (also ${relative(other.file)})`,
          );
        else sharedOwner.set(name, sheet);
      }
    }
  }
}
for (const sheet of sharedSheets) {
  for (const { selector, line } of sheet.rules) {
    for (const name of new Set(classesIn(selector))) {
      const claimed = prefixOwner(name);
      if (claimed)
        problems.push(
          `${relative(sheet.file)}:${line}: .${name} is shared but has ${relative(claimed.file)}'s prefix "${claimed.prefix}"`,
        );
      else if (!sharedOwner.has(name))
        problems.push(`${relative(sheet.file)}:${line}: .${name} is used here but starts no rule`);
    }
  }
}

const owner = (name) => sharedOwner.get(name) ?? prefixOwner(name);
const mayUse = (sheet, other) =>
  other === sheet ||
  other.shared ||
  other.component ||
  path.dirname(other.file) === path.dirname(sheet.file);

for (const sheet of sheets.filter((s) => !s.shared)) {
  const where = (line) => `${relative(sheet.file)}:${line}`;
  for (const { selector, line } of sheet.rules) {
    for (const complex of splitTop(selector, (t, i) => t[i] === ",")) {
      for (const name of new Set(classesIn(complex))) {
        const other = owner(name);
        if (!other)
          problems.push(
            `${where(line)}: .${name} belongs to no stylesheet; name it ${sheet.prefix ?? "with the prefix"}-…`,
          );
        else if (!mayUse(sheet, other))
          problems.push(
            `${where(line)}: .${name} is defined in ${relative(other.file)}, another page's; use a class of this one`,
          );
      }
      if (!scopingClasses(firstCompound(complex)).some((name) => owner(name) === sheet))
        problems.push(
          `${where(line)}: "${complex}" can reach other pages' elements; start it from a .${sheet.prefix ?? "prefix"}-… class`,
        );
    }
  }
  for (const { kind, name, line } of sheet.names) {
    if (sheet.prefix && name !== sheet.prefix && !name.startsWith(`${sheet.prefix}-`))
      problems.push(`${where(line)}: @${kind} ${name} is global; name it ${sheet.prefix}-…`);
  }
}

// Animation and print page names are global too.
const named = new Map();
for (const sheet of sheets) {
  for (const { kind, name, line } of sheet.names) {
    const key = `@${kind} ${name}`;
    const other = named.get(key);
    if (other && other !== sheet)
      problems.push(
        `${relative(sheet.file)}:${line}: ${key} is defined in two files (also ${relative(other.file)})`,
      );
    else named.set(key, sheet);
  }
}

if (problems.length) {
  console.error(`Stylesheet scope problems:\n${problems.map((p) => `  ${p}`).join("\n")}`);
  process.exit(1);
}
console.log(`Stylesheets scoped: ${sheets.length} files, ${prefixes.length} prefixes.`);
