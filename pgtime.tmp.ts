import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "./server/db/migrate";

let t = performance.now();
const c = await PGlite.create("memory://");
console.log("create", performance.now() - t);
t = performance.now();
await migrate(drizzle(c) as any);
console.log("migrate", performance.now() - t);
t = performance.now();
const dump = await c.dumpDataDir("none");
console.log("dump", performance.now() - t, dump.size);
t = performance.now();
const c2 = await PGlite.create("memory://", { loadDataDir: dump });
console.log("load", performance.now() - t);
t = performance.now();
console.log(await c2.query("select count(*) from app_migrations"));
console.log("q", performance.now() - t);
