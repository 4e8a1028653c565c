/** Everything under /organize: one lazily loaded chunk, for organizers only. */
import { RequireRole } from "../../components/RequireRole";
import { matchPath, useLocation } from "../../lib/router";
import { NotFoundPage } from "../NotFoundPage";
import { EventLayout, SECTIONS, type SectionId } from "./EventLayout";
import { EventListPage } from "./EventListPage";
import { NewEventPage } from "./NewEventPage";
import "./organize.css";

function route(pathname: string) {
  if (matchPath("/organize", pathname)) return <EventListPage />;
  if (matchPath("/organize/new", pathname)) return <NewEventPage />;
  const event = matchPath("/organize/:slug", pathname);
  if (event?.slug) return <EventLayout slug={event.slug} section="event" />;
  const section = matchPath("/organize/:slug/:section", pathname);
  const id = SECTIONS.find((s) => s.path === section?.section)?.id;
  if (section?.slug && id && id !== "event")
    return <EventLayout slug={section.slug} section={id as SectionId} />;
  return <NotFoundPage />;
}

export function OrganizeArea() {
  const { pathname } = useLocation();
  return <RequireRole allow="organizer">{() => route(pathname)}</RequireRole>;
}
