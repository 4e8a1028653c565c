/** The organizer's frame for one event: navigation on the left (a menu on phones), a section on the right. */
import { type ComponentType, useEffect, useId, useState } from "react";
import type { EventView } from "../../../shared/api";
import {
  ArrowLeftIcon,
  CalendarIcon,
  ChartIcon,
  ClipboardIcon,
  CloseIcon,
  GavelIcon,
  LinkIcon,
  MenuIcon,
  TagIcon,
  TrophyIcon,
} from "../../components/Icons";
import { ErrorState, Loading } from "../../components/States";
import { useApi } from "../../hooks/useApi";
import { seg } from "../../lib/api";
import { Link } from "../../lib/router";
import { CategoriesSection } from "./CategoriesSection";
import { EventDetailsSection } from "./EventDetailsSection";
import { JudgesSection } from "./JudgesSection";
import { JudgingSection } from "./JudgingSection";
import { LeaderboardSection } from "./LeaderboardSection";
import { PrizesSection } from "./PrizesSection";

/** What every section gets: the event as loaded, and a way to update it after a write. */
export interface SectionProps {
  event: EventView;
  setEvent: (update: (event: EventView) => EventView) => void;
  reload: () => void;
}

export type SectionId = "event" | "categories" | "prizes" | "judges" | "judging" | "leaderboard";

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
  { id: "judges", path: "judges", label: "Judges", Icon: GavelIcon, Component: JudgesSection },
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
            <Link to={`/events/${event.slug}`} className="org-nav-link">
              <LinkIcon className="icon" />
              Public page
            </Link>
          </li>
        </ul>
      </nav>
      <div className="org-content">
        <Section event={event} setEvent={setEvent} reload={resource.reload} />
      </div>
    </div>
  );
}
