import type { NextFunction, Request, RequestHandler, Response } from "express";
import type { z } from "zod";
import type { AppContext } from "../context";
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

export function setSessionCookie(
  req: Request,
  res: Response,
  ctx: AppContext,
  token: string,
  maxAgeMs: number,
) {
  res.cookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: req.secure || Boolean(ctx.publicUrl?.startsWith("https:")),
    path: "/",
    maxAge: maxAgeMs,
  });
}

export function clearSessionCookie(res: Response) {
  res.clearCookie(SESSION_COOKIE, { path: "/", httpOnly: true, sameSite: "lax" });
}

/** The origin links are built from: PUBLIC_URL when set, else the request's own. */
export function baseUrl(req: Request, ctx: AppContext): string {
  return ctx.publicUrl ?? `${req.protocol}://${req.get("host")}`;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** True when an Origin header names this site (its Host) or the configured public URL. */
export function sameSite(
  origin: string,
  host: string | undefined,
  publicUrl: string | undefined,
): boolean {
  try {
    const url = new URL(origin);
    if (host && url.host === host) return true;
    return publicUrl !== undefined && url.origin === new URL(publicUrl).origin;
  } catch {
    return false;
  }
}

/** Refuses state-changing requests that another site's page sends (CSRF defence in depth with SameSite). */
export function refuseCrossSite(ctx: AppContext): RequestHandler {
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const origin = req.get("origin");
    const fetchSite = req.get("sec-fetch-site");
    const crossSite = origin
      ? !sameSite(origin, req.get("host"), ctx.publicUrl)
      : fetchSite === "cross-site";
    if (crossSite) throw new AppError("forbidden", "Requests from other websites are not allowed.");
    next();
  };
}

/** Turns every error under /api into an RFC 9457 problem; logs unexpected ones with their stack. */
export function problemHandler(ctx: AppContext) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction) => {
    let problem: AppErrorType;
    if (error instanceof AppError) problem = error;
    else {
      const e = error as { type?: string; status?: number };
      if (e?.type === "entity.parse.failed") {
        problem = new AppError("validation", "The request body is not valid JSON.", [
          { path: "body", message: "This is not valid JSON." },
        ]);
      } else if (e?.type === "entity.too.large") {
        problem = new AppError("payload-too-large", "The request is larger than 1 MB.");
      } else if (e?.type === "encoding.unsupported" || e?.type === "charset.unsupported") {
        problem = new AppError("unsupported-media-type", "Send the request as UTF-8 JSON.");
      } else {
        ctx.logger.error(
          { err: error, method: req.method, url: req.originalUrl },
          "unhandled error",
        );
        problem = new AppError("internal", "Something went wrong on our side. Please try again.");
      }
    }
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
        }),
      );
  };
}

/** A route parameter as a string (Express types them loosely once routers are nested). */
export function param(req: Request, name: string): string {
  const value = (req.params as Record<string, unknown>)[name];
  return typeof value === "string" ? value : "";
}
