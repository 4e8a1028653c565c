import path from "node:path";
import { fileURLToPath } from "node:url";
import { createApplication } from "./app";
import { startupBanner } from "./banner";
import { ConfigError, loadConfig } from "./config";
import { openDatabase } from "./db/client";
import { migrate } from "./db/migrate";
import { isLoopback } from "./lib/addresses";
import { createLogger } from "./lib/logger";
import { createMailer } from "./lib/mailer";
import { argon2Hasher } from "./lib/passwords";
import { seedDemo } from "./services/demo";
import { ensureOrganizer, issueSetupToken, organizerExists } from "./services/setup";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

async function main() {
  const started = performance.now();
  const args = new Set(process.argv.slice(2));
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL);
  const passwords = argon2Hasher();
  const dataDir = path.resolve(config.DATA_DIR);
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir });
  const applied = await migrate(database.db);
  logger.info({ db: database.kind, applied }, "database ready");

  if (config.ORGANIZER_EMAIL && config.ORGANIZER_PASSWORD) {
    const outcome = await ensureOrganizer(
      database.db,
      config.ORGANIZER_EMAIL,
      config.ORGANIZER_PASSWORD,
      passwords,
    );
    logger.info({ outcome }, "organizer account from ORGANIZER_EMAIL");
  }

  const mailer = await createMailer(config.SMTP_URL, config.MAIL_FROM, logger);
  const app = await createApplication({
    mailer,
    passwords,
    realtimeAdapterUrl: config.REALTIME_ADAPTER === "postgres" ? config.DATABASE_URL : undefined,
    db: database.db,
    dbKind: database.kind,
    logger,
    now: () => new Date(),
    publicUrl: config.PUBLIC_URL,
    rateLimits: config.RATE_LIMITS === "on",
    clientDir: path.join(ROOT, "dist", "client"),
    dev: args.has("--dev"),
  });

  await new Promise<void>((resolve) => app.server.listen(config.PORT, config.HOST, resolve));
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.PORT;
  const anyInterface = config.HOST === "0.0.0.0" || config.HOST === "::";
  const here =
    anyInterface || isLoopback(config.HOST)
      ? `http://localhost:${port}`
      : (app.addresses.origins()[0] ?? `http://localhost:${port}`);
  const base = config.PUBLIC_URL ?? here;
  const lines = startupBanner({
    kind: database.kind,
    dataDir,
    here,
    host: config.HOST,
    origins: app.addresses.origins(),
    rateLimits: config.RATE_LIMITS === "on",
  });

  if (args.has("--demo")) {
    const demo = await seedDemo(database.db, new Date(), passwords, config.ORGANIZER_EMAIL);
    lines.push(
      "",
      `Demo event ${demo.created ? "created" : "already there"}: ${base}/events/${demo.slug}`,
      `  Organizer: ${demo.organizer.email} / ${demo.organizer.password}`,
      `  Judge:     ${demo.judge.email} / ${demo.judge.password}`,
      "  (the demo passwords change every time the demo starts)",
    );
  } else if (!(await organizerExists(database.db))) {
    const token = await issueSetupToken(database.db);
    lines.push(
      "",
      "No organizer yet. Open this one-time link to create the organizer account:",
      `  ${base}/setup?token=${token}`,
    );
  }
  lines.push(
    "",
    `Ready in ${((performance.now() - started) / 1000).toFixed(1)} s. Press Ctrl+C to stop.`,
  );
  console.log(lines.join("\n"));
  logger.info(
    { port, host: config.HOST, startupMs: Math.round(performance.now() - started) },
    "listening",
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await app.close().catch(() => {});
    await database.close().catch(() => {});
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error) => {
  console.error("Could not start:", error instanceof Error ? error.message : error);
  process.exit(1);
});
