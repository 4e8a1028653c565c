// The append-only log of every score and comment change, for organizers.
import { desc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { criteria, judges, scoreLog, teams, users } from "../../db/schema";

export async function readScoreLog(db: Db, eventId: string) {
  const rows = await db
    .select({
      id: scoreLog.id,
      judgeName: judges.name,
      teamName: teams.name,
      criterionName: criteria.name,
      oldValue: scoreLog.oldValue,
      newValue: scoreLog.newValue,
      oldComment: scoreLog.oldComment,
      newComment: scoreLog.newComment,
      oldShared: scoreLog.oldShared,
      newShared: scoreLog.newShared,
      at: scoreLog.at,
      by: users.name,
    })
    .from(scoreLog)
    .innerJoin(judges, eq(judges.id, scoreLog.judgeId))
    .innerJoin(teams, eq(teams.id, scoreLog.teamId))
    .leftJoin(criteria, eq(criteria.id, scoreLog.criterionId))
    .leftJoin(users, eq(users.id, scoreLog.actorId))
    .where(eq(scoreLog.eventId, eventId))
    .orderBy(desc(scoreLog.id));
  return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
}
