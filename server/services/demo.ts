import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { judges, users } from "../db/schema";
import type { PasswordHasher } from "../lib/passwords";
import { randomToken } from "../lib/tokens";
import { ChangeSet } from "../realtime/changes";
import { createCategory, createPrize } from "./categories";
import { createEvent, findEvent } from "./events";
import { inviteJudge } from "./judges";
import { ensureOrganizer } from "./setup";

export const DEMO_SLUG = "hmj-2026";
const DAY = 24 * 60 * 60 * 1000;

export interface DemoLogins {
  slug: string;
  organizer: { email: string; password: string };
  judge: { email: string; password: string };
  created: boolean;
}

/** The morning of the day `days` after `now`, at `hour`:00 UTC. */
function dayAt(now: Date, days: number, hour: number): Date {
  const d = new Date(now.getTime() + days * DAY);
  d.setUTCHours(hour, 0, 0, 0);
  return d;
}

/**
 * Creates "Hack Manchester Junior 2026" with its categories, criteria, prizes and a judge,
 * with registration open now, so that a newcomer can click through at once. Running it again
 * keeps the event and gives the demo accounts fresh passwords.
 */
export async function seedDemo(
  db: Db,
  now: Date,
  passwords: PasswordHasher,
  organizerEmail?: string,
): Promise<DemoLogins> {
  const organizer = {
    email: organizerEmail ?? "organizer@demo.hmj.test",
    password: randomToken().slice(0, 12),
  };
  await ensureOrganizer(db, organizer.email, organizer.password, passwords);
  const [orgUser] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, organizer.email));
  const actorId = orgUser!.id;
  const judge = { email: "judge@demo.hmj.test", password: randomToken().slice(0, 12) };

  let created = false;
  const existing = await findEvent(db, DEMO_SLUG).catch(() => null);
  if (!existing) {
    created = true;
    const event = await createEvent(
      db,
      {
        name: "Hack Manchester Junior 2026",
        slug: DEMO_SLUG,
        venue: "Manchester Central, Windmill Street, Manchester",
        timezone: "Europe/London",
        registrationOpensAt: new Date(now.getTime() - DAY),
        registrationClosesAt: dayAt(now, 14, 18),
        startsAt: dayAt(now, 15, 9),
        submissionsCloseAt: dayAt(now, 16, 13),
        endsAt: dayAt(now, 16, 17),
        maxTeamSize: 4,
        maxAge: 18,
      },
      actorId,
    );
    const criteria = [
      {
        name: "Innovation",
        description: "How new and clever is the idea?",
        weight: 3,
        maxScore: 10,
      },
      {
        name: "Technical",
        description: "How well is it built, and does it work?",
        weight: 2,
        maxScore: 10,
      },
      {
        name: "Presentation",
        description: "How clearly did the team explain it?",
        weight: 1,
        maxScore: 5,
      },
    ];
    const preUni = await createCategory(
      db,
      event,
      {
        name: "Pre-University Challenge",
        description: "For teams whose members all come from one school.",
        singleSchool: true,
        criteria,
        tieBreakCriterion: "Technical",
      },
      actorId,
    );
    const open = await createCategory(
      db,
      event,
      {
        name: "Best Game",
        description: "Any game, any platform, any school.",
        singleSchool: false,
        criteria: [
          { name: "Fun", description: "Would you play it again?", weight: 3, maxScore: 10 },
          { name: "Technical", description: "How well is it built?", weight: 2, maxScore: 10 },
          {
            name: "Presentation",
            description: "How clearly did the team explain it?",
            weight: 1,
            maxScore: 5,
          },
        ],
        tieBreakCriterion: "Fun",
      },
      actorId,
    );
    const prizes = [
      {
        categoryId: preUni.id,
        place: 1,
        title: "Aqua Zorbing experience day",
        sponsor: "Aqua Zorbing",
      },
      { categoryId: preUni.id, place: 2, title: "Group paintballing", sponsor: "FARM" },
      {
        categoryId: preUni.id,
        place: 3,
        title: "Raspberry Pi kits for the team",
        sponsor: undefined,
      },
      { categoryId: open.id, place: 1, title: "Group paintballing", sponsor: "FARM" },
      {
        categoryId: open.id,
        place: 2,
        title: "Game design books for the team",
        sponsor: undefined,
      },
    ];
    for (const prize of prizes) await createPrize(db, event, prize, actorId);
    await inviteJudge(db, {
      event,
      input: {
        name: "Ada Judge",
        email: judge.email,
        schools: ["Manchester Grammar School"],
        categoryIds: [preUni.id, open.id],
      },
      actorId,
      now,
      // Before the app listens: no screen to tell.
      changes: new ChangeSet(),
    });
  }
  // Give the demo judge a known password so the judge's pages can be tried at once.
  const [judgeUser] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, judge.email));
  if (judgeUser) {
    await db
      .update(users)
      .set({ passwordHash: await passwords.hash(judge.password) })
      .where(eq(users.id, judgeUser.id));
    await db.update(judges).set({ acceptedAt: now }).where(eq(judges.userId, judgeUser.id));
  }
  return { slug: DEMO_SLUG, organizer, judge, created };
}
