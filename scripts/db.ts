// Database chores for when the app is stopped, on the configured database (DATA_DIR or DATABASE_URL):
//   npm run export -- --out FILE        write the whole database as one JSON document
//   npm run import -- FILE [--replace]   load such a document (into an empty database unless --replace)
//   npm run purge -- --event SLUG        delete the children's personal data of a finished event
import { createReadStream, createWriteStream } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { loadConfig } from "../server/config";
import { openDatabase } from "../server/db/client";
import { migrate } from "../server/db/migrate";
import { exportDatabase, ImportError, importDatabase } from "../server/db/transfer";
import { AppError } from "../server/lib/problems";
import { findEvent } from "../server/services/events";
import { purgeEvent } from "../server/services/purge";

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

async function main() {
  const [command, ...args] = process.argv.slice(2);
  const flag = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const config = loadConfig();
  const database = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: path.resolve(config.DATA_DIR),
  });
  try {
    await migrate(database.db);
    if (command === "export") {
      const out =
        flag("--out") ?? fail("Say where to write the export: npm run export -- --out backup.json");
      const file = createWriteStream(out);
      const rows = await exportDatabase(database.db, (chunk) =>
        file.write(chunk)
          ? undefined
          : new Promise<void>((resolve) => file.once("drain", () => resolve())),
      );
      await new Promise<void>((resolve, reject) =>
        file.end((error?: Error | null) => (error ? reject(error) : resolve())),
      );
      console.log(`Exported ${rows} rows from the ${database.kind} database to ${out}.`);
    } else if (command === "import") {
      const file =
        args.find((a) => !a.startsWith("--")) ??
        fail("Say which file to import: npm run import -- backup.json");
      const lines = createInterface({
        input: createReadStream(file),
        crlfDelay: Number.POSITIVE_INFINITY,
      });
      const rows = await importDatabase(database.db, lines, {
        replace: args.includes("--replace"),
      });
      console.log(`Imported ${rows} rows into the ${database.kind} database.`);
    } else if (command === "purge") {
      const slug = flag("--event") ?? fail("Say which event: npm run purge -- --event hmj-2026");
      const event = await findEvent(database.db, slug);
      const purged = await purgeEvent(database.db, event, null, new Date());
      console.log(
        `Deleted the personal data of ${purged.members} participants in ${purged.teams} teams of ${event.name}.`,
      );
    } else {
      fail("Use: export --out FILE | import FILE [--replace] | purge --event SLUG");
    }
  } catch (error) {
    if (error instanceof ImportError || error instanceof AppError)
      fail(error instanceof AppError ? error.detail : error.message);
    if ((error as NodeJS.ErrnoException).code === "ENOENT")
      fail(`No such file: ${(error as NodeJS.ErrnoException).path}`);
    throw error;
  } finally {
    await database.close();
  }
}

main().catch((error) => fail(`Failed: ${error instanceof Error ? error.message : String(error)}`));
