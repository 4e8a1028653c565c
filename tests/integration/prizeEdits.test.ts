/** Editing a prize: one prize per category and place, and each edit names its version. */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditLog, prizes } from "../../server/db/schema";
import type { PrizeView } from "../../shared/api";
import { insertCategory, insertEvent, insertOrganizer, signedIn } from "../helpers/factories";
import type { Client } from "../helpers/http";
import { DURING_REGISTRATION, EVENT_TIMES, registrationEvent } from "../helpers/scenario";
import { startTestServer, type TestServer } from "../helpers/server";

type Problem = { type: string; detail: string; current?: PrizeView };

let server: TestServer;
let organizer: Client;
let first: string;
let second: string;
let categoryId: string;
const E = "/api/events/hmj-2026";

beforeAll(async () => {
  server = await startTestServer({ rateLimits: false });
});
afterAll(() => server.close());
beforeEach(async () => {
  const { db, event } = await registrationEvent(server);
  categoryId = (await insertCategory(db, event.id)).id;
  const rows = await db
    .insert(prizes)
    .values([
      { eventId: event.id, categoryId, place: 1, title: "Aqua Zorbing", sponsor: "Aqua" },
      { eventId: event.id, categoryId, place: 2, title: "Paintballing", sponsor: "FARM" },
    ])
    .returning({ id: prizes.id });
  [first, second] = rows.map((r) => r.id) as [string, string];
  organizer = await signedIn(server.url, db, await insertOrganizer(db), DURING_REGISTRATION);
});

const db = () => server.database.db;
const row = async (id: string) => (await db().select().from(prizes).where(eq(prizes.id, id)))[0]!;
const edit = (id: string, body: unknown, as = organizer) =>
  as.patch<{ prize: PrizeView } & Problem>(`${E}/prizes/${id}`, body);

describe("editing a prize", () => {
  it("changes the title and clears the sponsor, bumping the version, audited", async () => {
    const res = await edit(first, { version: 1, title: "Zorbing day", sponsor: null });
    expect(res.status).toBe(200);
    expect(res.body.prize).toMatchObject({ title: "Zorbing day", sponsor: null, version: 2 });
    expect(await row(first)).toMatchObject({ title: "Zorbing day", sponsor: null, version: 2 });
    const audit = (await db().select().from(auditLog)).filter((a) => a.action === "prize.edited");
    expect(audit[0]?.details).toMatchObject({
      old: { title: "Aqua Zorbing" },
      new: { title: "Zorbing day" },
    });
  });

  it("refuses a place another prize of the category has with 409 place-taken, changing nothing", async () => {
    const before = await row(second);
    const res = await edit(second, { version: 1, place: 1 });
    expect(res.status).toBe(409);
    expect(res.body.type).toBe("/problems/place-taken");
    expect(await row(second)).toEqual(before);
  });

  it("refuses a stale version with 409 row-changed and the prize as it is now", async () => {
    expect((await edit(first, { version: 1, title: "One" })).status).toBe(200);
    const stale = await edit(first, { version: 1, title: "Two" });
    expect(stale.status).toBe(409);
    expect(stale.body.type).toBe("/problems/row-changed");
    expect(stale.body.current).toMatchObject({ title: "One", version: 2 });
    expect((await row(first)).title).toBe("One");
  });

  it("lets one of two organizers racing on one version win: one 200, one 409", async () => {
    const other = await signedIn(
      server.url,
      db(),
      await insertOrganizer(db()),
      DURING_REGISTRATION,
    );
    const answers = await Promise.all([
      edit(first, { version: 1, title: "A" }),
      edit(first, { version: 1, title: "B" }, other),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect((await row(first)).version).toBe(2);
  });

  it("refuses an empty edit or another event's category with 400", async () => {
    expect((await edit(first, { version: 1 })).status).toBe(400);
    const other = await insertEvent(db(), { slug: "other", ...EVENT_TIMES });
    const foreign = await insertCategory(db(), other.id);
    expect((await edit(first, { version: 1, categoryId: foreign.id })).status).toBe(400);
    expect((await row(first)).version).toBe(1);
  });
});
