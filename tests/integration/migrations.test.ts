/**
 * The migrations that move data, on a database written by the previous version. Guardian
 * consent: readable tokens become hashes (links already sent keep working), the outbox's
 * consent emails are tied to their members and links, and every answer moves into
 * consent_records with who gave it. Feedback: an event released as a whole becomes each of its
 * categories released, at that time, by that organizer.
 */
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { migrate, rowsOf } from "../../server/db/migrate";
import { consentRecords, feedbackReleases, members, outbox } from "../../server/db/schema";
import { hashToken } from "../../server/lib/tokens";
import { findConsent } from "../../server/services/consent";
import { listOutbox } from "../../server/services/outbox";
import { databaseBefore, insertOldEvent } from "../helpers/migrations";

/** The last migration of the version before guardian consent records. */
const database = databaseBefore("0011_judging_triggers");

const ID = {
  organizer: "00000000-0000-4000-8000-000000000001",
  teamUser: "00000000-0000-4000-8000-000000000002",
  event: "00000000-0000-4000-8000-000000000003",
  category: "00000000-0000-4000-8000-000000000004",
  otherCategory: "00000000-0000-4000-8000-000000000006",
  team: "00000000-0000-4000-8000-000000000005",
  waiting: "00000000-0000-4000-8000-000000000011",
  byLink: "00000000-0000-4000-8000-000000000012",
  onPaper: "00000000-0000-4000-8000-000000000013",
};
const TOKEN = {
  waiting: "a".repeat(43),
  byLink: `${"b".repeat(42)}-`,
  onPaper: `${"c".repeat(42)}_`,
};
const link = (token: string) => `http://192.168.1.20:3000/consent/${token}`;

describe("migrations of existing rows", () => {
  it("keeps links working, ties emails to members and records who gave each answer", async () => {
    const db = database.db;
    await db.execute(sql`
      INSERT INTO users (id, email, name, role) VALUES
        (${ID.organizer}, 'olivia@example.com', 'Olivia Organizer', 'organizer'),
        (${ID.teamUser}, 'byte@example.com', 'Byte Club', 'team')`);
    await insertOldEvent(db, ID.event, "hmj-2026", "HMJ 2026");
    await db.execute(
      sql`INSERT INTO categories (id, event_id, name, single_school) VALUES (${ID.category}, ${ID.event}, 'Best Game', false), (${ID.otherCategory}, ${ID.event}, 'Best App', false)`,
    );
    await db.execute(
      sql`UPDATE events SET feedback_released_at = '2026-03-15T18:00:00Z' WHERE id = ${ID.event}`,
    );
    await db.execute(
      sql`INSERT INTO teams (id, event_id, category_id, name, contact_user_id) VALUES (${ID.team}, ${ID.event}, ${ID.category}, 'Byte Club', ${ID.teamUser})`,
    );
    await db.execute(sql`
      INSERT INTO members (id, team_id, first_name, school, school_key, guardian_name, guardian_email, consent_status, consent_method, consent_by, consent_at, photo_consent, consent_token, created_at) VALUES
        (${ID.waiting}, ${ID.team}, 'Ada', 'Trinity', 'trinity', 'Pat', 'pat@example.com', 'awaiting', NULL, NULL, NULL, false, ${TOKEN.waiting}, '2026-03-01T10:00:00Z'),
        (${ID.byLink}, ${ID.team}, 'Sam', 'Trinity', 'trinity', 'Chris', 'chris@example.com', 'given', 'link', 'Chris Taylor', '2026-03-02T10:00:00Z', true, ${TOKEN.byLink}, '2026-03-01T10:00:00Z'),
        (${ID.onPaper}, ${ID.team}, 'Priya', 'Trinity', 'trinity', 'Anita', 'anita@example.com', 'given', 'paper', 'paper form', '2026-03-03T10:00:00Z', false, ${TOKEN.onPaper}, '2026-03-01T10:00:00Z')`);
    await db.execute(sql`
      INSERT INTO audit_log (event_id, actor_id, action, details) VALUES
        (${ID.event}, ${ID.organizer}, 'consent.paper', ${JSON.stringify({ memberId: ID.onPaper, photoConsent: false })}::jsonb),
        (${ID.event}, ${ID.organizer}, 'feedback.released', '{}'::jsonb)`);
    for (const [who, token] of [
      ["pat", TOKEN.waiting],
      ["chris", TOKEN.byLink],
      ["anita", TOKEN.onPaper],
    ] as const)
      await db.execute(sql`
        INSERT INTO outbox (event_id, to_email, subject, body) VALUES
          (${ID.event}, ${`${who}@example.com`}, 'Please give consent', ${`Hello,\n\nPlease answer here:\n\n${link(token)}\n\nThanks.`})`);
    await db.execute(sql`
      INSERT INTO outbox (event_id, to_email, subject, body) VALUES
        (${ID.event}, 'judge@example.com', 'Your invite', 'Not a consent email.')`);

    expect(await migrate(db)).toBeGreaterThanOrEqual(3);

    const rows = await db.select().from(members);
    const hashOf = (id: string) => rows.find((m) => m.id === id)?.consentTokenHash;
    expect(hashOf(ID.waiting)).toBe(hashToken(TOKEN.waiting));
    expect(hashOf(ID.byLink)).toBe(hashToken(TOKEN.byLink));
    expect(JSON.stringify(rows)).not.toContain(TOKEN.waiting);
    // The link in the guardian's email still opens their page.
    expect((await findConsent(db, TOKEN.waiting)).firstName).toBe("Ada");

    const records = await db.select().from(consentRecords);
    expect(
      records
        .map((r) => ({
          member: r.memberId,
          method: r.method,
          consent: r.consent,
          photo: r.photoConsent,
          guardian: r.guardianName,
          by: r.recordedBy,
          at: r.at.toISOString(),
        }))
        .sort((a, b) => a.at.localeCompare(b.at)),
    ).toEqual([
      {
        member: ID.byLink,
        method: "link",
        consent: true,
        photo: true,
        guardian: "Chris Taylor",
        by: null,
        at: "2026-03-02T10:00:00.000Z",
      },
      {
        member: ID.onPaper,
        method: "paper",
        consent: true,
        photo: false,
        guardian: null,
        by: ID.organizer,
        at: "2026-03-03T10:00:00.000Z",
      },
    ]);

    const mails = await db.select().from(outbox);
    const mailTo = (email: string) => mails.find((m) => m.toEmail === email)!;
    expect(mailTo("pat@example.com")).toMatchObject({
      memberId: ID.waiting,
      link: link(TOKEN.waiting),
      consentTokenHash: hashToken(TOKEN.waiting),
    });
    expect(mailTo("judge@example.com")).toMatchObject({ memberId: null, link: null });
    const statuses = Object.fromEntries(
      (await listOutbox(db, ID.event)).map((e) => [e.mail.toEmail, e.status]),
    );
    expect(statuses).toEqual({
      "pat@example.com": "waiting",
      "chris@example.com": "answered",
      "anita@example.com": "answered",
      "judge@example.com": "waiting",
    });
    const releases = await db.select().from(feedbackReleases);
    expect(
      releases
        .map((r) => [r.categoryId, r.releasedAt.toISOString(), r.releasedBy])
        .sort(([a], [b]) => String(a).localeCompare(String(b))),
    ).toEqual([
      [ID.category, "2026-03-15T18:00:00.000Z", ID.organizer],
      [ID.otherCategory, "2026-03-15T18:00:00.000Z", ID.organizer],
    ]);

    const columns = rowsOf<{ column_name: string }>(
      await db.execute(
        sql`SELECT column_name FROM information_schema.columns WHERE table_name = 'members'`,
      ),
    ).map((c) => c.column_name);
    expect(columns).not.toContain("consent_token");
    expect(columns).not.toContain("consent_by");
  });
});
