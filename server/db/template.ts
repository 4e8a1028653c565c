// A new embedded database starts as a copy of a freshly initialised PGlite data directory.
//
// Why: PGlite runs PostgreSQL's initdb in WebAssembly, which takes 2.5–4 s on a small laptop
// and was most of the first `npm start` (target ≤ 6 s, docs/design.md section 6). `npm install`
// makes the template once (the `prepare` script, scripts/prepare.ts); the first start copies
// it (~0.2 s) instead. The template is keyed by PGlite's version, because the data directory's
// format belongs to the PostgreSQL build inside it; after an upgrade the next install makes a
// new one. Without a template (installed with --ignore-scripts, or the directory deleted) the
// server runs initdb as before: slower, never wrong.
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
/** Written before a copy and removed after it: its presence means a copy was interrupted. */
const COPYING = ".hmj-copying-template";

/** The installed PGlite's version, read from its package.json (which its exports hide). */
export function pgliteVersion(): string {
  let dir = path.dirname(createRequire(import.meta.url).resolve("@electric-sql/pglite"));
  for (;;) {
    const manifest = path.join(dir, "package.json");
    if (existsSync(manifest)) {
      const pkg = JSON.parse(readFileSync(manifest, "utf8")) as { name?: string; version?: string };
      if (pkg.name === "@electric-sql/pglite" && pkg.version) return pkg.version;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("Cannot find @electric-sql/pglite's package.json");
    dir = parent;
  }
}

/** Where templates live: the conventional cache folder, removed with node_modules. */
export function templateRoot(): string {
  return path.join(ROOT, "node_modules", ".cache", "hack-manchester-junior");
}

export function templateDir(version = pgliteVersion()): string {
  return path.join(templateRoot(), `pglite-${version}`);
}

const isDatabase = (dir: string) => existsSync(path.join(dir, "PG_VERSION"));

/**
 * Makes the template for the installed PGlite unless it exists. Built beside its final place
 * and renamed in, so a half-made template is never used; templates of other versions go.
 */
export async function ensureTemplate(): Promise<{ dir: string; created: boolean }> {
  const dir = templateDir();
  mkdirSync(templateRoot(), { recursive: true });
  for (const entry of readdirSync(templateRoot())) {
    const other = path.join(templateRoot(), entry);
    if (other !== dir) rmSync(other, { recursive: true, force: true });
  }
  if (isDatabase(dir)) return { dir, created: false };
  const building = `${dir}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  const { PGlite } = await import("@electric-sql/pglite");
  const pg = await PGlite.create(building);
  await pg.close();
  if (!isDatabase(building)) throw new Error(`PGlite made no database in ${building}`);
  rmSync(dir, { recursive: true, force: true });
  renameSync(building, dir);
  return { dir, created: true };
}

/** Empties a data directory this module filled, so that initdb can run in it instead. */
export function clearSeeded(dataDir: string): void {
  for (const entry of readdirSync(dataDir)) rmSync(path.join(dataDir, entry), { recursive: true });
}

/**
 * Fills an empty data directory from the template, when there is one. Returns whether it did.
 * A directory holding a database, or anything else, is never touched: only one this function
 * began filling (and a crash interrupted) is emptied and filled again. PG_VERSION, the file
 * that marks a database, is copied last.
 */
export function seedFromTemplate(dataDir: string, template = templateDir()): boolean {
  mkdirSync(dataDir, { recursive: true });
  const marker = path.join(dataDir, COPYING);
  if (isDatabase(dataDir)) {
    rmSync(marker, { force: true }); // the copy finished; only the marker's removal did not
    return false;
  }
  if (!isDatabase(template)) return false;
  if (existsSync(marker)) {
    for (const entry of readdirSync(dataDir)) {
      if (entry !== COPYING) rmSync(path.join(dataDir, entry), { recursive: true, force: true });
    }
  } else if (readdirSync(dataDir).length > 0) {
    return false;
  }
  writeFileSync(marker, "");
  for (const entry of readdirSync(template)) {
    if (entry === "PG_VERSION") continue;
    cpSync(path.join(template, entry), path.join(dataDir, entry), { recursive: true });
  }
  copyFileSync(path.join(template, "PG_VERSION"), path.join(dataDir, "PG_VERSION"));
  unlinkSync(marker);
  return true;
}
