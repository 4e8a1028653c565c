import { Router } from "express";
import { LIMITS } from "../../../shared/limits";
import { SetupSchema, SignInSchema } from "../../../shared/schemas/session";
import type { AppContext } from "../../context";
import { AppError } from "../../lib/problems";
import { hashToken } from "../../lib/tokens";
import { checkCredentials, createSession, deleteSession } from "../../services/auth";
import { completeSetup, setupTokenValid } from "../../services/setup";
import { refuseTurnedDownTeacher } from "../../services/teacherRequests";
import {
  body,
  clearSessionCookie,
  param,
  readCookie,
  readDeviceToken,
  requireUser,
  SIGNED_IN_COOKIE,
  setDeviceCookie,
  setSessionCookie,
} from "../middleware";

/** Signs the user in on a fresh session, ending the one the browser had (session rotation). */
export async function startSession(
  ctx: AppContext,
  req: import("express").Request,
  res: import("express").Response,
  userId: string,
) {
  if (req.sessionToken) {
    await deleteSession(ctx.db, req.sessionToken);
    ctx.realtime.endSession(hashToken(req.sessionToken));
  }
  const token = await createSession(ctx.db, userId, ctx.now());
  setSessionCookie(req, res, ctx, token, LIMITS.sessionAbsoluteMs);
}

export function sessionRouter(ctx: AppContext): Router {
  const router = Router();

  router.post("/session", async (req, res) => {
    const input = body(req, SignInSchema);
    const { user, deviceToken } = await checkCredentials(
      ctx.db,
      input,
      ctx.now(),
      ctx.passwords,
      readDeviceToken(req),
    );
    // Only once the password is right: the refusal says who the account is.
    if (user.role === "teacher") await refuseTurnedDownTeacher(ctx.db, user.id);
    await startSession(ctx, req, res, user.id);
    setDeviceCookie(req, res, ctx, deviceToken);
    res.json({ user });
  });

  router.get("/session", (req, res) => {
    // A session that ended (expired, or signed out elsewhere): the page stops asking.
    if (!req.user && (req.sessionToken || readCookie(req.headers.cookie, SIGNED_IN_COOKIE)))
      clearSessionCookie(res);
    res.json({ user: requireUser(req) });
  });

  router.delete("/session", async (req, res) => {
    requireUser(req);
    if (req.sessionToken) {
      await deleteSession(ctx.db, req.sessionToken);
      ctx.realtime.endSession(hashToken(req.sessionToken));
    }
    clearSessionCookie(res);
    res.status(204).end();
  });

  router.get("/setup/:token", async (req, res) => {
    if (!(await setupTokenValid(ctx.db, param(req, "token")))) {
      throw new AppError(
        "not-found",
        "This set-up link is not valid. Use the newest link printed when the server started.",
      );
    }
    res.json({ valid: true });
  });

  router.post("/setup", async (req, res) => {
    const input = body(req, SetupSchema);
    const user = await completeSetup(ctx.db, input, ctx.passwords);
    await startSession(ctx, req, res, user.id);
    res.status(201).json({ user });
  });

  return router;
}
