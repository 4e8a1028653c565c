import { Router } from "express";
import { CategoryCreateSchema, CategoryEditSchema } from "../../../shared/schemas/event";
import type { AppContext } from "../../context";
import { presentCategory } from "../../presenters/event";
import {
  createCategory,
  deleteCategory,
  editCategory,
  findCategory,
} from "../../services/categories";
import { findEvent } from "../../services/events";
import { authorize, body, param, withCurrent } from "../middleware";

/** Mounted at /api/events/:slug/categories. */
export function categoriesRouter(ctx: AppContext): Router {
  const router = Router({ mergeParams: true });

  router.post("/", authorize("category:manage"), async (req, res) => {
    const input = body(req, CategoryCreateSchema);
    const event = await findEvent(ctx.db, param(req, "slug"));
    const category = await createCategory(ctx.db, event, input, req.user!.id);
    res.status(201).json({ category: presentCategory(category) });
  });

  router.put("/:id", authorize("category:manage"), async (req, res) => {
    const input = body(req, CategoryEditSchema);
    const event = await findEvent(ctx.db, param(req, "slug"));
    const categoryId = param(req, "id");
    const category = await withCurrent(
      ctx.publish((changes) =>
        editCategory(ctx.db, { event, categoryId, input, actorId: req.user!.id, changes }),
      ),
      async () => presentCategory(await findCategory(ctx.db, event, categoryId)),
    );
    res.json({ category: presentCategory(category) });
  });

  router.delete("/:id", authorize("category:manage"), async (req, res) => {
    const event = await findEvent(ctx.db, param(req, "slug"));
    await deleteCategory(ctx.db, event, param(req, "id"), req.user!.id);
    res.status(204).end();
  });

  return router;
}
