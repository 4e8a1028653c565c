import type { NextFunction, Request, RequestHandler, Response } from "express";
import type { z } from "zod";
import { LIMITS } from "../../shared/limits";
import { SIGNED_IN_COOKIE } from "../../shared/paths";
import type { AppContext } from "../context";
import { loggablePath, sqlState } from "../lib/logger";
import { requestOrigin, sameSite } from "../lib/origins";
import { AppError, type AppError as AppErrorType, PROBLEMS } from "../lib/problems";
import { validate } from "../lib/validate";
import { type Action, can } from "../policies";

export const SESSION_COOKIE = "hmj_session";

export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

/** Loads the signed-in user, if any, from the session cookie. */
export function loadSession(ctx: AppContext): RequestHandler {
  return async (req, _res, next) => {
    req.sessionToken = readCookie(req.headers.cookie, SESSION_COOKIE);
    req.user = req.sessionToken ? await ctx.sessions.resolve(req.sessionToken, ctx.now()) : null;
    next();
  };
}

/** 401 without a session, 403 when the policy denies the action. */
export function authorize(action: Action): RequestHandler {
  return (req, _res, next) => {
    if (!req.user) throw new AppError("unauthenticated", "Please sign in to do this.");
    if (!can(req.user, action))
      throw new AppError("forbidden", "Your account is not allowed to do this.");
    next();
  };
}

export function requireUser(req: Request): NonNullable<Request["user"]> {
  if (!req.user) throw new AppError("unauthenticated", "Please sign in to do this.");
  return req.user;
}

export function body<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  return validate(schema, req.body ?? {});
}

// Says to the page that a session cookie is there, without being one: readable by scripts,
// it holds nothing but "1".
export { SIGNED_IN_COOKIE };

export function setSessionCookie(
  req: Request,
  res: Response,
  ctx: AppContext,
  token: string,
  maxAgeMs: number,
) {
  const options = {
    sameSite: "lax" as const,
    secure: req.secure || Boolean(ctx.publicUrl?.startsWith("https:")),
    path: "/",
    maxAge: maxAgeMs,
  };
  res.cookie(SESSION_COOKIE, token, { ...options, httpOnly: true });
  res.cookie(SIGNED_IN_COOKIE, "1", { ...options, httpOnly: false });
}

export const DEVICE_COOKIE = "hmj_device";

/** The browser's device token (see checkCredentials), if it has a well-formed one. */
export function readDeviceToken(req: Request): string | null {
  const token = readCookie(req.headers.cookie, DEVICE_COOKIE);
  return token && /^[A-Za-z0-9_-]{43}$/.test(token) ? token : null;
}

/** Keeps the device token; sent with sign-ins only, and kept after signing out. */
export function setDeviceCookie(req: Request, res: Response, ctx: AppContext, token: string) {
  res.cookie(DEVICE_COOKIE, token, {
    httpOnly: true,
    sameSite: "strict",
    secure: req.secure || Boolean(ctx.publicUrl?.startsWith("https:")),
    path: "/api/session",
    maxAge: LIMITS.trustedDeviceMs,
  });
}

/** Sets the sign-in hint for a request that carries a session cookie but not the hint. */
export function restoreSignedInHint(httpsOnly: boolean): RequestHandler {
  return (req, res, next) => {
    const cookie = req.headers.cookie;
    if (readCookie(cookie, SESSION_COOKIE) && !readCookie(cookie, SIGNED_IN_COOKIE))
      res.cookie(SIGNED_IN_COOKIE, "1", {
        sameSite: "lax",
        secure: req.secure || httpsOnly,
        path: "/",
        maxAge: LIMITS.sessionAbsoluteMs,
      });
    next();
  };
}

export function clearSessionCookie(res: Response) {
  res.clearCookie(SESSION_COOKIE, { path: "/", httpOnly: true, sameSite: "lax" });
  res.clearCookie(SIGNED_IN_COOKIE, { path: "/", sameSite: "lax" });
}

/**
 * The origin links are built from: PUBLIC_URL, or the address the organizer chose among the
 * app's own. The request is not asked: its Host header is whatever the sender wrote.
 */
export function baseUrl(_req: Request, ctx: AppContext): string {
  return ctx.links.base();
}

export { requestOrigin, sameSite };

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Refuses state-changing requests that another site's page sends (CSRF defence in depth with SameSite). */
export function refuseCrossSite(ctx: AppContext): RequestHandler {
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const origin = req.get("origin");
    const fetchSite = req.get("sec-fetch-site");
    const crossSite = origin
      ? !sameSite(origin, requestOrigin(req), ctx.publicUrl)
      : fetchSite === "cross-site";
    if (crossSite) throw new AppError("forbidden", "Requests from other websites are not allowed.");
    next();
  };
}

/**
 * Answers 421 to a request whose Host is not one of the app's names: a page on another site
 * that points its own name at this computer (DNS rebinding) gets nothing.
 */
export function refuseUnknownHost(ctx: AppContext): RequestHandler {
  return (req, res, next) => {
    if (ctx.addresses.knowsHost(req.headers.host)) return next();
    // Not Cache-Control'd by the API router, which this runs before.
    res.set("Cache-Control", "no-store");
    const detail =
      "This app does not answer to that address. Open it at the address it printed when it started, or set PUBLIC_URL to the address people use.";
    if (req.path.startsWith("/api/")) sendProblem(res, new AppError("misdirected-request", detail));
    else res.status(421).type("text").send(detail);
  };
}

/**
 * The problem for an error that Express or a body parser raised about a malformed request
 * (a path that does not decode, a body that is not what its headers say, an aborted upload),
 * or that the database raised about a value it cannot store; null for anything else.
 */
function requestProblem(error: unknown): AppErrorType | null {
  const e = (error ?? {}) as { type?: unknown; status?: unknown; statusCode?: unknown };
  // Express decodes path parameters itself; "%ff" does not decode to anything.
  if (error instanceof URIError) return new AppError("not-found", NOTHING_HERE);
  switch (e.type) {
    case "entity.parse.failed":
      return new AppError("validation", "The request body is not valid JSON.", [
        { path: "body", message: "This is not valid JSON." },
      ]);
    case "entity.too.large":
      return new AppError("payload-too-large", "The request is larger than 1 MB.");
    case "encoding.unsupported":
    case "charset.unsupported":
      return new AppError("unsupported-media-type", "Send the request as UTF-8 JSON.");
    case "request.aborted":
      return new AppError("validation", "The request was cut off before its end.");
  }
  const status = typeof e.status === "number" ? e.status : e.statusCode;
  if (typeof status === "number" && status >= 400 && status < 500) {
    if (status === 413) return new AppError("payload-too-large", "The request is too large.");
    if (status === 415) return new AppError("unsupported-media-type", "Send the request as JSON.");
    // A body that says it is compressed but is not, a length that does not match, and the like.
    return new AppError("validation", "The request could not be read. Send it as JSON.", [
      { path: "body", message: "The body could not be read." },
    ]);
  }
  // Class 22 is "data exception": a value the database can't store (the schemas should have
  // refused it first, so this is logged).
  if (sqlState(error)?.startsWith("22"))
    return new AppError(
      "validation",
      "Something in this request can't be stored. Check for unusual characters and try again.",
    );
  return null;
}

const NOTHING_HERE = "There is nothing at this address. Check the link.";

/**
 * Turns every error under /api into an RFC 9457 problem. Unexpected errors are logged with
 * their stack (never a statement's parameters or the request's body, see safeError), a value
 * the database refused in one line, a malformed request not at all.
 */
export function problemHandler(ctx: AppContext) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction) => {
    let problem: AppErrorType;
    if (error instanceof AppError) problem = error;
    else {
      const known = requestProblem(error);
      const where = { method: req.method, path: loggablePath(req.originalUrl) };
      if (!known) {
        ctx.logger.error({ err: error, ...where }, "unhandled error");
        problem = new AppError("internal", "Something went wrong on our side. Please try again.");
      } else {
        const state = sqlState(error);
        if (state) ctx.logger.warn({ sqlState: state, ...where }, "database refused a value");
        problem = known;
      }
    }
    // The client of an aborted upload is gone; there is no one to answer.
    if (res.headersSent || req.socket.destroyed) return;
    sendProblem(res, problem);
  };
}

/** Answers with an RFC 9457 problem: application/problem+json, its status, slug and detail. */
export function sendProblem(res: Response, problem: AppErrorType) {
  const { status, title } = PROBLEMS[problem.slug];
  if (problem.headers) res.set(problem.headers);
  res
    .status(status)
    .type("application/problem+json")
    .send(
      JSON.stringify({
        type: `/problems/${problem.slug}`,
        title,
        status,
        detail: problem.detail,
        ...(problem.errors ? { errors: problem.errors } : {}),
        ...problem.extensions,
      }),
    );
}

// What a route parameter may look like; anything else can name no row, so it never reaches
// the database (where "%00" or "not-a-uuid" would be a database error, not a 404).
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SHAPES: Record<string, RegExp> = {
  slug: /^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$/,
  token: /^[A-Za-z0-9_-]{1,200}$/,
};

/**
 * A route parameter, checked against its shape: `id` and `…Id` are UUIDs, `slug` and `token`
 * have their own. A parameter that cannot name anything answers 404 not-found.
 */
/**
 * Awaits an edit. When it is refused because the row changed since the editor read it, the
 * problem carries the row as it is now (`current`, an RFC 9457 extension), so the editor can
 * look again without another request.
 */
export async function withCurrent<T>(
  work: Promise<T>,
  current: () => Promise<unknown>,
): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof AppError && error.slug === "row-changed")
      throw error.with({ current: await current() });
    throw error;
  }
}

export function param(req: Request, name: string): string {
  const value = (req.params as Record<string, unknown>)[name];
  const text = typeof value === "string" ? value : "";
  const shape = name === "id" || name.endsWith("Id") ? UUID : SHAPES[name];
  if (shape && !(text.length <= 200 && shape.test(text)))
    throw new AppError("not-found", NOTHING_HERE);
  return text;
}
