import { Router } from "express";
import { IdSchema } from "../../../shared/schemas/common";
import { SchoolMergeSchema, SchoolRenameSchema } from "../../../shared/schemas/school";
import type { AppContext } from "../../context";
import { notFound } from "../../lib/problems";
import { presentSchool, presentSchoolOption } from "../../presenters/school";
import { findEvent } from "../../services/events";
import { findSchool, listSchools, mergeSchools, renameSchool } from "../../services/schools";
import { authorize, body, param, withCurrent } from "../middleware";

/** The ids in a path are UUIDs; anything else names no school. */
function schoolId(req: Parameters<typeof param>[0]): string {
  const id = param(req, "id");
  if (!IdSchema.safeParse(id).success) throw notFound("school");
  return id;
}

/** Mounted at /api/events/:slug/schools. */
export function schoolsRouter(ctx: AppContext): Router {
  const router = Router({ mergeParams: true });

  // Anyone signing up picks from these; a school's name is not personal data.
  router.get("/", async (req, res) => {
    const event = await findEvent(ctx.db, param(req, "slug"));
    res.json({ schools: (await listSchools(ctx.db, event.id)).map(presentSchoolOption) });
  });

  router.get("/summary", authorize("school:manage"), async (req, res) => {
    const event = await findEvent(ctx.db, param(req, "slug"));
    res.json({ schools: (await listSchools(ctx.db, event.id)).map(presentSchool) });
  });

  router.patch("/:id", authorize("school:manage"), async (req, res) => {
    const input = body(req, SchoolRenameSchema);
    const event = await findEvent(ctx.db, param(req, "slug"));
    const id = schoolId(req);
    const school = await withCurrent(
      ctx.publish((changes) =>
        renameSchool(ctx.db, { event, schoolId: id, input, actorId: req.user!.id, changes }),
      ),
      async () => presentSchool(await findSchool(ctx.db, event.id, id)),
    );
    res.json({ school: presentSchool(school) });
  });

  router.post("/:id/merge", authorize("school:manage"), async (req, res) => {
    const { intoId } = body(req, SchoolMergeSchema);
    const event = await findEvent(ctx.db, param(req, "slug"));
    const fromId = schoolId(req);
    const school = await ctx.publish((changes) =>
      mergeSchools(ctx.db, {
        event,
        fromId,
        intoId,
        actorId: req.user!.id,
        now: ctx.now(),
        changes,
      }),
    );
    res.json({ school: presentSchool(school) });
  });

  return router;
}
