/** The organizer's frame for one event: navigation on the left (a menu on phones), a section on the right. */
import {
  type ComponentType,
  type LazyExoticComponent,
  lazy,
  Suspense,
  useEffect,
  useId,
  useState,
} from "react";
import type { EventView } from "../../../shared/api";
import { Countdown } from "../../components/Countdown";
import { EventLoadFailed } from "../../components/EventLoadFailed";
import {
  ArrowLeftIcon,
  CloseIcon,
  LinkIcon,
  MenuIcon,
  MonitorIcon,
  WifiOffIcon,
} from "../../components/Icons";
import { Loading } from "../../components/States";
import { EventSocketProvider, useEventSocket } from "../../hooks/useEventSocket";
import { useQuery } from "../../hooks/useQuery";
import { endpoint } from "../../lib/api";
import { Link } from "../../lib/router";
import { SECTIONS, type SectionId } from "./sections";

export { SECTIONS, type SectionId } from "./sections";

/** What every section gets: the event as loaded, and a way to update it after a write. */
export interface SectionProps {
  event: EventView;
  setEvent: (update: (event: EventView) => EventView) => void;
  reload: () => void;
}

type Section = ComponentType<SectionProps>;

/**
 * Each section is its own chunk, loaded when it is opened: the event list and the first
 * section a phone opens don't wait for the code of all the others.
 */
const LOADERS: Record<SectionId, () => Promise<Section>> = {
  event: () => import("./EventDetailsSection").then((m) => m.EventDetailsSection),
  categories: () => import("./CategoriesSection").then((m) => m.CategoriesSection),
  prizes: () => import("./PrizesSection").then((m) => m.PrizesSection),
  teams: () => import("./TeamsSection").then((m) => m.TeamsSection),
  "check-in": () => import("./checkin/CheckInSection").then((m) => m.CheckInSection),
  photos: () => import("./checkin/PhotoListSection").then((m) => m.PhotoListSection),
  judges: () => import("./JudgesSection").then((m) => m.JudgesSection),
  teachers: () => import("./TeachersSection").then((m) => m.TeachersSection),
  schools: () => import("./SchoolsSection").then((m) => m.SchoolsSection),
  clock: () => import("./ClockSection").then((m) => m.ClockSection),
  announcements: () => import("./AnnouncementsSection").then((m) => m.AnnouncementsSection),
  outbox: () => import("./OutboxSection").then((m) => m.OutboxSection),
  stage: () => import("./StageSection").then((m) => m.StageSection),
  judging: () => import("./JudgingSection").then((m) => m.JudgingSection),
  leaderboard: () => import("./LeaderboardSection").then((m) => m.LeaderboardSection),
  ceremony: () => import("./ceremony/CeremonySection").then((m) => m.CeremonySection),
  results: () => import("./ceremony/ResultsSection").then((m) => m.ResultsSection),
  backup: () => import("./BackupSection").then((m) => m.BackupSection),
};

const COMPONENTS = Object.fromEntries(
  Object.entries(LOADERS).map(([id, load]) => [id, lazy(async () => ({ default: await load() }))]),
) as Record<SectionId, LazyExoticComponent<Section>>;

/** Once the open section has drawn, fetch the others quietly, so moving between them is instant. */
const PREFETCH_AFTER_MS = 2_000;

export function EventLayout({ slug, section }: { slug: string; section: SectionId }) {
  const resource = useQuery(endpoint("/events/{slug}", { slug }));
  const [menuOpen, setMenuOpen] = useState(false);
  const menuId = useId();
  const current = SECTIONS.find((s) => s.id === section) ?? SECTIONS[0]!;
  const ready = resource.status === "ready";

  // Choosing a section on a phone closes the menu.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the section changes.
  useEffect(() => setMenuOpen(false), [section]);

  useEffect(() => {
    if (!ready) return;
    const timer = setTimeout(() => {
      for (const load of Object.values(LOADERS)) load().catch(() => undefined);
    }, PREFETCH_AFTER_MS);
    return () => clearTimeout(timer);
  }, [ready]);

  if (resource.status === "loading") return <Loading label="Loading the event…" />;
  if (resource.status === "error")
    return (
      <EventLoadFailed
        error={resource.error}
        retry={resource.reload}
        notFound={
          <>
            <p>It may have a different web address. Pick it from your list of events.</p>
            <p>
              <Link className="btn btn-primary" to="/organize">
                Your events
              </Link>
            </p>
          </>
        }
      />
    );

  const { event } = resource.data;
  const setEvent = (update: (e: EventView) => EventView) =>
    resource.setData((d) => ({ event: update(d.event) }));
  const href = (path: string) => `/organize/${event.slug}${path ? `/${path}` : ""}`;
  const Section = COMPONENTS[current.id];

  return (
    <EventSocketProvider slug={event.slug}>
      <div className="org-layout">
        <nav className="org-nav" aria-label="Event sections">
          <div className="org-nav-top">
            <Link to="/organize" className="back-link">
              <ArrowLeftIcon /> All events
            </Link>
            <p className="org-event-name">{event.name}</p>
            <button
              type="button"
              className="btn btn-secondary org-menu-button"
              aria-expanded={menuOpen}
              aria-controls={menuId}
              onClick={() => setMenuOpen((open) => !open)}
            >
              {menuOpen ? <CloseIcon /> : <MenuIcon />}
              Menu<span className="visually-hidden">: event sections</span>
            </button>
          </div>
          <ul id={menuId} className={`org-nav-list${menuOpen ? " org-nav-list-open" : ""}`}>
            {SECTIONS.map(({ id, path, label, Icon }) => (
              <li key={id}>
                <Link
                  to={href(path)}
                  className="org-nav-link"
                  aria-current={id === section ? "page" : undefined}
                >
                  <Icon className="icon" />
                  {label}
                </Link>
              </li>
            ))}
            <li className="org-nav-extra">
              <a
                href={`/display/${event.slug}`}
                className="org-nav-link"
                target="_blank"
                rel="noopener"
              >
                <MonitorIcon className="icon" />
                Projector display<span className="visually-hidden"> (opens in a new tab)</span>
              </a>
            </li>
            <li>
              <Link to={`/events/${event.slug}`} className="org-nav-link">
                <LinkIcon className="icon" />
                Public page
              </Link>
            </li>
          </ul>
        </nav>
        <div className="org-content">
          {section !== "clock" && <LiveBar />}
          <Suspense fallback={<Loading />}>
            <Section event={event} setEvent={setEvent} reload={resource.reload} />
          </Suspense>
        </div>
      </div>
    </EventSocketProvider>
  );
}

/** The event's clock on every section (the Clock section shows its own, larger). */
function LiveBar() {
  const { status } = useEventSocket();
  return (
    <div className="org-live">
      <Countdown size="compact" />
      {status === "reconnecting" && (
        <span className="badge badge-wait" role="status">
          <WifiOffIcon /> Reconnecting…
        </span>
      )}
    </div>
  );
}
