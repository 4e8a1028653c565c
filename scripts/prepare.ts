// Runs after `npm install` and `npm ci` (npm's `prepare` step): makes the template a new
// embedded database is copied from, so the first `npm start` skips PGlite's initdb (see
// server/db/template.ts). It never fails the install: without a template the server still
// makes its database, only more slowly.
import { ensureTemplate } from "../server/db/template";

const started = performance.now();
try {
  const { dir, created } = await ensureTemplate();
  if (created) {
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`Prepared the embedded database template in ${seconds} s (${dir}).`);
  }
} catch (error) {
  console.warn(
    `Could not prepare the embedded database template; the first start will make the database itself. (${
      error instanceof Error ? error.message : String(error)
    })`,
  );
}
