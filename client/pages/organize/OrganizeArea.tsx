/**
 * Everything under /organize, for organizers only. The event list is drawn from this chunk;
 * an event's sections, the event form, the consent letters and the certificates are loaded
 * when opened, so the first page an organizer sees doesn't wait for the form schemas or the
 * live connection.
 */
import { lazy, Suspense } from "react";
import { RequireRole } from "../../components/RequireRole";
import { Loading } from "../../components/States";
import { matchPath, useLocation } from "../../lib/router";
import { NotFoundPage } from "../NotFoundPage";
import { EventListPage } from "./EventListPage";
import { sectionAt } from "./sections";
import "./organize.css";

const EventLayout = lazy(() => import("./EventLayout").then((m) => ({ default: m.EventLayout })));
const NewEventPage = lazy(() =>
  import("./NewEventPage").then((m) => ({ default: m.NewEventPage })),
);
const LettersPage = lazy(() => import("./LettersPage").then((m) => ({ default: m.LettersPage })));
const BadgesPage = lazy(() =>
  import("./checkin/BadgesPage").then((m) => ({ default: m.BadgesPage })),
);
const CertificatesPage = lazy(() =>
  import("./ceremony/CertificatesPage").then((m) => ({ default: m.CertificatesPage })),
);

function route(pathname: string) {
  if (matchPath("/organize", pathname)) return <EventListPage />;
  if (matchPath("/organize/new", pathname)) return <NewEventPage />;
  const event = matchPath("/organize/:slug", pathname);
  if (event?.slug) return <EventLayout slug={event.slug} section="event" />;
  const letters = matchPath("/organize/:slug/letters", pathname);
  if (letters?.slug) return <LettersPage slug={letters.slug} />;
  const badges = matchPath("/organize/:slug/badges", pathname);
  if (badges?.slug) return <BadgesPage slug={badges.slug} />;
  const certificates = matchPath("/organize/:slug/certificates", pathname);
  if (certificates?.slug) return <CertificatesPage slug={certificates.slug} />;
  const section = matchPath("/organize/:slug/:section", pathname);
  const found = section?.section ? sectionAt(section.section) : undefined;
  if (section?.slug && found && found.id !== "event")
    return <EventLayout slug={section.slug} section={found.id} />;
  return <NotFoundPage />;
}

export function OrganizeArea() {
  const { pathname } = useLocation();
  return (
    <RequireRole allow="organizer">
      {() => <Suspense fallback={<Loading />}>{route(pathname)}</Suspense>}
    </RequireRole>
  );
}
