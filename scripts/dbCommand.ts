// The database chores behind `npm run export | import | purge` (scripts/db.ts runs them),
// as a function of its arguments and environment so that tests can run it in-process.
import { createReadStream, createWriteStream, existsSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { type Config, ConfigError, loadConfig } from "../server/config";
import { type Database, openDatabase } from "../server/db/client";
import { migrate } from "../server/db/migrate";
import { exportDatabase, ImportError, importDatabase } from "../server/db/transfer";
import { AppError } from "../server/lib/problems";
import { findEvent } from "../server/services/events";
import { purgeEvent } from "../server/services/purge";

export interface CommandOutput {
  out(line: string): void;
  err(line: string): void;
}

const consoleOutput: CommandOutput = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
};

/** A mistake in how the command was called: its message says what to type instead. */
class UsageError extends Error {}

type Command =
  | { name: "export"; out: string }
  | { name: "import"; file: string; replace: boolean }
  | { name: "purge"; slug: string };

/** Reads the arguments before anything opens the database, so a typo costs nothing. */
function parse(args: string[]): Command {
  const [command, ...rest] = args;
  const flag = (name: string) => {
    const i = rest.indexOf(name);
    return i >= 0 ? rest[i + 1] : undefined;
  };
  if (command === "export") {
    const out = flag("--out");
    if (!out)
      throw new UsageError("Say where to write the export: npm run export -- --out backup.json");
    return { name: "export", out };
  }
  if (command === "import") {
    const file = rest.find((a) => !a.startsWith("--"));
    if (!file) throw new UsageError("Say which file to import: npm run import -- backup.json");
    if (!existsSync(file)) throw new UsageError(`No such file: ${file}`);
    return { name: "import", file, replace: rest.includes("--replace") };
  }
  if (command === "purge") {
    const slug = flag("--event");
    if (!slug) throw new UsageError("Say which event: npm run purge -- --event hmj-2026");
    return { name: "purge", slug };
  }
  throw new UsageError("Use: export --out FILE | import FILE [--replace] | purge --event SLUG");
}

/**
 * Runs one chore on the configured database (DATABASE_URL, or the embedded one in DATA_DIR)
 * and returns the exit code: 0 when done, 1 with a message on `err` when not.
 */
export async function runDbCommand(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
  output: CommandOutput = consoleOutput,
): Promise<number> {
  let command: Command;
  let config: Config;
  try {
    command = parse(args);
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) {
      output.err(error.message);
      return 1;
    }
    throw error;
  }
  let database: Database | null = null;
  try {
    database = await openDatabase({
      url: config.DATABASE_URL,
      dataDir: path.resolve(config.DATA_DIR),
    });
    await migrate(database.db);
    if (command.name === "export") {
      const file = createWriteStream(command.out);
      const rows = await exportDatabase(database.db, (chunk) =>
        file.write(chunk)
          ? undefined
          : new Promise<void>((resolve) => file.once("drain", () => resolve())),
      );
      await new Promise<void>((resolve, reject) =>
        file.end((error?: Error | null) => (error ? reject(error) : resolve())),
      );
      output.out(`Exported ${rows} rows from the ${database.kind} database to ${command.out}.`);
    } else if (command.name === "import") {
      const lines = createInterface({
        input: createReadStream(command.file),
        crlfDelay: Number.POSITIVE_INFINITY,
      });
      const rows = await importDatabase(database.db, lines, { replace: command.replace });
      output.out(`Imported ${rows} rows into the ${database.kind} database.`);
    } else {
      const event = await findEvent(database.db, command.slug);
      const purged = await purgeEvent(database.db, event, null, new Date());
      output.out(
        `Deleted the personal data of ${purged.members} participants in ${purged.teams} teams of ${event.name}.`,
      );
    }
    return 0;
  } catch (error) {
    if (error instanceof ImportError) output.err(error.message);
    else if (error instanceof AppError) output.err(error.detail);
    else if ((error as NodeJS.ErrnoException).code === "ENOENT")
      output.err(`No such file: ${(error as NodeJS.ErrnoException).path}`);
    else output.err(`Failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await database?.close();
  }
}
