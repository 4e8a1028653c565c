/**
 * The pages of the web client, as path patterns. The client's router draws one of them
 * (client/App.tsx) and the server answers any other path with 404, still sending the app,
 * whose Not found page then shows: a mistyped link looks like a missing page to people and
 * to tools alike. The organizer's area routes its own sections below /organize.
 */
export const PAGE_PATHS = [
  "/",
  "/signin",
  "/setup",
  "/invite/:token",
  "/reset/:token",
  "/forgot",
  "/judge",
  "/judge/teams/:teamId",
  "/team",
  "/team/submission",
  "/teacher",
  "/teacher/letters",
  "/team/certificates",
  "/events/:slug",
  "/events/:slug/register",
  "/events/:slug/teachers",
  "/events/:slug/results",
  "/consent/:token",
  "/display/:slug",
  "/organize/*",
] as const;

export type PagePath = (typeof PAGE_PATHS)[number];

/**
 * Matches a pattern like "/organize/:slug/prizes" against a path; returns the decoded
 * parameters, or null. A trailing "/*" matches the pattern's prefix and anything below it.
 */
export function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const wildcard = pattern.endsWith("/*");
  const want = (wildcard ? pattern.slice(0, -2) : pattern).split("/").filter(Boolean);
  const have = pathname.split("/").filter(Boolean);
  if (wildcard ? have.length < want.length : have.length !== want.length) return null;
  const params: Record<string, string> = {};
  for (const [i, part] of want.entries()) {
    const value = have[i] ?? "";
    if (part.startsWith(":")) {
      try {
        params[part.slice(1)] = decodeURIComponent(value);
      } catch {
        return null;
      }
    } else if (part !== value) return null;
  }
  return params;
}

/** Whether the client has a page at this path. */
export const isPagePath = (pathname: string): boolean =>
  PAGE_PATHS.some((pattern) => matchPath(pattern, pathname) !== null);

/**
 * A cookie beside the session's (which scripts cannot read) that says only "signed in": a
 * page without it knows nobody is, and need not ask the server (whose 401 every browser logs
 * as an error).
 */
export const SIGNED_IN_COOKIE = "hmj_signed_in";
