// `npm run bench:transfer`: memory and time of export and import for a large event
// (50,000 rows), on the embedded database, or PostgreSQL when DATABASE_URL is set.
// Both stream, so the process's peak memory should not grow with the number of rows.
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { sql } from "drizzle-orm";
import { openDatabase } from "../server/db/client";
import { migrate } from "../server/db/migrate";
import { exportDatabase, importDatabase } from "../server/db/transfer";
import { argon2Hasher } from "../server/lib/passwords";
import { ensureOrganizer } from "../server/services/setup";
import { buildEvent } from "../tests/helpers/factories";

const ROWS = Number(process.argv[2] ?? 50_000);
const dir = mkdtempSync(path.join(os.tmpdir(), "hmj-transfer-"));
const file = path.join(dir, "export.json");
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

/** Samples RSS every 20 ms while `work` runs; returns the peak above the starting RSS. */
async function measure<T>(
  work: () => Promise<T>,
): Promise<{ result: T; ms: number; peakGrowth: number }> {
  const start = process.memoryUsage().rss;
  let peak = start;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const t0 = performance.now();
  const result = await work();
  const ms = performance.now() - t0;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { result, ms, peakGrowth: peak - start };
}

async function main() {
  const source = await openDatabase({
    url: process.env.DATABASE_URL || undefined,
    dataDir: path.join(dir, "source"),
  });
  await migrate(source.db);
  await ensureOrganizer(source.db, "bench@example.com", "bench password", argon2Hasher());
  const event = buildEvent({ slug: "big-event" });
  await source.db.execute(sql`INSERT INTO events (slug, name, venue, timezone, registration_opens_at, registration_closes_at, starts_at, submissions_close_at, ends_at)
    VALUES (${event.slug}, ${event.name}, ${event.venue}, ${event.timezone}, ${event.registrationOpensAt}, ${event.registrationClosesAt}, ${event.startsAt}, ${event.submissionsCloseAt}, ${event.endsAt})`);
  // A large event: announcements and audit entries stand in for any rows; the export treats
  // every table alike, batch by batch.
  await source.db.execute(sql`INSERT INTO announcements (event_id, text, at)
    SELECT id, 'Announcement number ' || g || ': pizza is in the main hall, judging starts at 2pm', now() - (g || ' seconds')::interval
    FROM events, generate_series(1, ${Math.floor(ROWS / 2)}) AS g`);
  await source.db.execute(sql`INSERT INTO audit_log (event_id, action, details, at)
    SELECT id, 'bench.row', jsonb_build_object('n', g, 'note', repeat('x', 40)), now()
    FROM events, generate_series(1, ${Math.ceil(ROWS / 2)}) AS g`);

  const exported = await measure(async () => {
    const out = createWriteStream(file);
    const rows = await exportDatabase(source.db, (chunk) =>
      out.write(chunk)
        ? undefined
        : new Promise<void>((resolve) => out.once("drain", () => resolve())),
    );
    await new Promise<void>((resolve) => out.end(() => resolve()));
    return rows;
  });
  await source.close();

  const target = await openDatabase({ url: undefined, dataDir: path.join(dir, "target") });
  await migrate(target.db);
  const imported = await measure(() =>
    importDatabase(
      target.db,
      createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY }),
      {
        replace: true,
      },
    ),
  );
  await target.close();

  console.log(`Export and import of ${exported.result} rows (${mb(statSync(file).size)} of JSON)`);
  console.log(
    `  export: ${(exported.ms / 1000).toFixed(1)} s, peak memory growth ${mb(exported.peakGrowth)}`,
  );
  console.log(
    `  import: ${(imported.ms / 1000).toFixed(1)} s, peak memory growth ${mb(imported.peakGrowth)} (${imported.result} rows)`,
  );
  rmSync(dir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  rmSync(dir, { recursive: true, force: true });
  process.exit(1);
});
