// The server under benchmark: the real application on loopback, reporting its memory on request.
// Run by bench/run.ts as a child process (with --expose-gc), not by hand.
import type { AddressInfo } from "node:net";
import { createApplication } from "../server/app";
import { openDatabase } from "../server/db/client";
import { migrate } from "../server/db/migrate";
import { createLogger } from "../server/lib/logger";
import { noMailer } from "../server/lib/mailer";
import { argon2Hasher } from "../server/lib/passwords";
import { savePaths } from "../server/services/judging";
import { ensureOrganizer } from "../server/services/setup";
import { seedScale } from "./seedPanels";

const database = await openDatabase({
  url: process.env.DATABASE_URL || undefined,
  dataDir: "memory://",
});
await migrate(database.db);
await ensureOrganizer(database.db, "bench@example.com", "bench password", argon2Hasher());
const app = await createApplication({
  db: database.db,
  dbKind: database.kind,
  logger: createLogger("error"),
  now: () => new Date(),
  mailer: noMailer,
  passwords: argon2Hasher(),
});
await new Promise<void>((resolve) => app.server.listen(0, "127.0.0.1", resolve));
const { port } = app.server.address() as AddressInfo;

process.on("message", (message: { type: string; options?: unknown }) => {
  if (message.type === "seed-scale") {
    seedScale(database.db, "bench@example.com", message.options as never).then(
      (event) => process.send?.({ type: "seeded", event }),
      (error: unknown) => process.send?.({ type: "seeded", error: String(error) }),
    );
  }
  if (message.type === "save-paths") process.send?.({ type: "save-paths", ...savePaths });
  if (message.type === "memory") {
    const gc = (globalThis as { gc?: () => void }).gc;
    for (let i = 0; i < 3; i++) gc?.();
    const usage = process.memoryUsage();
    process.send?.({
      type: "memory",
      heapUsed: usage.heapUsed,
      rss: usage.rss,
      sockets: app.realtime.io.engine.clientsCount,
    });
  }
});
// A plain exit on SIGTERM, so that a CPU profile (BENCH_PROFILE) is written.
process.on("SIGTERM", () => process.exit(0));
process.send?.({ type: "ready", port, db: database.kind });
