/** The organizer's frame for one event: navigation on the left (a menu on phones), a section on the right. */
import { type ComponentType, useEffect, useId, useState } from "react";
import type { EventView } from "../../../shared/api";
import { Countdown } from "../../components/Countdown";
import {
  ArrowLeftIcon,
  CalendarIcon,
  ChartIcon,
  ClipboardIcon,
  ClockIcon,
  CloseIcon,
  GavelIcon,
  LinkIcon,
  MailIcon,
  MegaphoneIcon,
  MenuIcon,
  MonitorIcon,
  TagIcon,
  TrophyIcon,
  UsersIcon,
  WifiOffIcon,
} from "../../components/Icons";
import { ErrorState, Loading } from "../../components/States";
import { useApi } from "../../hooks/useApi";
import { EventSocketProvider, useEventSocket } from "../../hooks/useEventSocket";
import { seg } from "../../lib/api";
import { Link } from "../../lib/router";
import { AnnouncementsSection } from "./AnnouncementsSection";
import { CategoriesSection } from "./CategoriesSection";
import { ClockSection } from "./ClockSection";
import { EventDetailsSection } from "./EventDetailsSection";
import { JudgesSection } from "./JudgesSection";
import { JudgingSection } from "./JudgingSection";
import { LeaderboardSection } from "./LeaderboardSection";
import { OutboxSection } from "./OutboxSection";
import { PrizesSection } from "./PrizesSection";
import { TeamsSection } from "./TeamsSection";

/** What every section gets: the event as loaded, and a way to update it after a write. */
export interface SectionProps {
  event: EventView;
  setEvent: (update: (event: EventView) => EventView) => void;
  reload: () => void;
}

export type SectionId =
  | "event"
  | "categories"
  | "prizes"
  | "teams"
  | "judges"
  | "clock"
  | "announcements"
  | "outbox"
  | "judging"
  | "leaderboard";

// Later issues add Teams, Clock, Announcements, Judging, Ceremony, Results and Backup here.
export const SECTIONS: {
  id: SectionId;
  path: string;
  label: string;
  Icon: ComponentType<{ className?: string }>;
  Component: ComponentType<SectionProps>;
}[] = [
  { id: "event", path: "", label: "Event", Icon: CalendarIcon, Component: EventDetailsSection },
  {
    id: "categories",
    path: "categories",
    label: "Categories",
    Icon: TagIcon,
    Component: CategoriesSection,
  },
  { id: "prizes", path: "prizes", label: "Prizes", Icon: TrophyIcon, Component: PrizesSection },
  { id: "teams", path: "teams", label: "Teams", Icon: UsersIcon, Component: TeamsSection },
  { id: "judges", path: "judges", label: "Judges", Icon: GavelIcon, Component: JudgesSection },
  { id: "clock", path: "clock", label: "Clock", Icon: ClockIcon, Component: ClockSection },
  {
    id: "announcements",
    path: "announcements",
    label: "Announcements",
    Icon: MegaphoneIcon,
    Component: AnnouncementsSection,
  },
  { id: "outbox", path: "outbox", label: "Outbox", Icon: MailIcon, Component: OutboxSection },
  {
    id: "judging",
    path: "judging",
    label: "Judging",
    Icon: ClipboardIcon,
    Component: JudgingSection,
  },
  {
    id: "leaderboard",
    path: "leaderboard",
    label: "Leaderboard",
    Icon: ChartIcon,
    Component: LeaderboardSection,
  },
];

export function EventLayout({ slug, section }: { slug: string; section: SectionId }) {
  const resource = useApi<{ event: EventView }>(`/events/${seg(slug)}`);
  const [menuOpen, setMenuOpen] = useState(false);
  const menuId = useId();
  const current = SECTIONS.find((s) => s.id === section) ?? SECTIONS[0]!;

  // Choosing a section on a phone closes the menu.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the section changes.
  useEffect(() => setMenuOpen(false), [section]);

  if (resource.status === "loading") return <Loading label="Loading the event…" />;
  if (resource.status === "error")
    return (
      <div className="page page-narrow">
        {resource.error.status === 404 ? (
          <>
            <h1>We can't find that event</h1>
            <p>It may have a different web address. Pick it from your list of events.</p>
            <p>
              <Link className="btn btn-primary" to="/organize">
                Your events
              </Link>
            </p>
          </>
        ) : (
          <ErrorState error={resource.error} retry={resource.reload} />
        )}
      </div>
    );

  const { event } = resource.data;
  const setEvent = (update: (e: EventView) => EventView) =>
    resource.setData((d) => ({ event: update(d.event) }));
  const href = (path: string) => `/organize/${event.slug}${path ? `/${path}` : ""}`;
  const Section = current.Component;

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
          <ul id={menuId} className={`org-nav-list${menuOpen ? " is-open" : ""}`}>
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
          <Section event={event} setEvent={setEvent} reload={resource.reload} />
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
