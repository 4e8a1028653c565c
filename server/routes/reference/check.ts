import type { RequestHandler } from "express";
import type { Logger } from "../../lib/logger";
import { PROBLEMS } from "../../lib/problems";
import { ROUTES, type RouteDoc } from "./registry";

const byKey = new Map<string, RouteDoc>(
  ROUTES.map((route) => [`${route.method} ${route.path}`, route]),
);

/** "/events/:slug" → "/events/{slug}", as the reference writes paths. */
const asReferencePath = (path: string) => path.replace(/:(\w+)/g, "{$1}");

/**
 * Checks every JSON answer against the API reference before it is sent (test servers turn this
 * on with AppDeps.checkResponses), so the whole test suite keeps the reference honest: a field
 * sent but not documented, or documented but not sent, answers 500 with what differs instead.
 * `at(prefix)` goes before each mounted router, to name the route pattern that answered.
 */
export function responseChecker(logger: Logger): {
  check: RequestHandler;
  at: (prefix: string) => RequestHandler;
} {
  return {
    at: (prefix) => (_req, res, next) => {
      res.locals.mountPrefix = prefix;
      next();
    },
    check: (req, res, next) => {
      // Answers sent as prepared JSON (server/lib/preparedJson.ts) call this with the value.
      res.locals.checkJson = (body: unknown): boolean => {
        const pattern = (req.route as { path?: string } | undefined)?.path;
        const prefix = res.locals.mountPrefix as string | undefined;
        if (res.statusCode >= 300 || pattern === undefined || prefix === undefined) return true;
        const path = asReferencePath(
          `/api${prefix === "/" ? "" : prefix}${pattern === "/" ? "" : pattern}`,
        );
        const route = byKey.get(`${req.method} ${path}`);
        if (!route) return true;
        // What leaves the server is the JSON text: check that, not the objects it came from.
        const sent: unknown = JSON.parse(JSON.stringify(body) ?? "null");
        const result = route.response?.safeParse(sent);
        if (result?.success) return true;
        const why = result
          ? result.error.issues
              .map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`)
              .join("; ")
          : "the reference documents no JSON body";
        const detail = `The answer to ${route.method} ${route.path} does not match the API reference (${why}).`;
        logger.error({ route: route.id }, detail);
        res
          .status(500)
          .type("application/problem+json")
          .send(
            JSON.stringify({
              type: "/problems/internal",
              title: PROBLEMS.internal.title,
              status: 500,
              detail,
            }),
          );
        return false;
      };
      const json = res.json.bind(res);
      res.json = (body: unknown) => (res.locals.checkJson(body) ? json(body) : res);
      next();
    },
  };
}
