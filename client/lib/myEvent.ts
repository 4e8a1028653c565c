/**
 * Which event a judge's or team's account belongs to, as its web address (slug), so their
 * pages can follow that event's clock. GET /api/judging/assignments and GET /api/teams/me
 * do not name the event's slug yet, so the browser remembers it whenever a page learns it
 * (the judge's invite, the team's sign-up, a link with ?event=) and a page also takes it
 * from the server's answer once the server sends `eventSlug`.
 */
import { useEffect, useMemo } from "react";
import { useLocation } from "./router";

const keyFor = (userId: string) => `hmj:event-of:${userId}`;
const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?$/;

export function rememberEventSlug(userId: string, slug: string) {
  if (!SLUG.test(slug)) return;
  try {
    localStorage.setItem(keyFor(userId), slug);
  } catch {
    // Private mode: the countdown just won't show on the next visit.
  }
}

function recalled(userId: string): string | null {
  try {
    const slug = localStorage.getItem(keyFor(userId));
    return slug && SLUG.test(slug) ? slug : null;
  } catch {
    return null;
  }
}

/** The slug of the signed-in account's event, or null when this browser doesn't know it. */
export function useMyEventSlug(userId: string, fromServer?: string | null): string | null {
  const { search } = useLocation();
  const fromLink = search.get("event")?.toLowerCase() ?? null;
  const slug = useMemo(() => {
    for (const candidate of [fromServer, fromLink])
      if (candidate && SLUG.test(candidate)) return candidate;
    return recalled(userId);
  }, [userId, fromServer, fromLink]);
  useEffect(() => {
    if (slug) rememberEventSlug(userId, slug);
  }, [userId, slug]);
  return slug;
}
