/**
 * The organizer's event sections: names, addresses and icons only. The sections' code is
 * loaded when a section is opened (EventLayout), so the event list needs none of it.
 */
import type { ComponentType } from "react";
import {
  CalendarIcon,
  ChartIcon,
  CheckIcon,
  ClipboardIcon,
  ClockIcon,
  DownloadIcon,
  EyeOffIcon,
  GavelIcon,
  MailIcon,
  MedalIcon,
  MegaphoneIcon,
  MicIcon,
  SparkleIcon,
  TagIcon,
  TrophyIcon,
  UsersIcon,
} from "../../components/Icons";

export type SectionId =
  | "event"
  | "categories"
  | "prizes"
  | "teams"
  | "check-in"
  | "photos"
  | "judges"
  | "teachers"
  | "schools"
  | "clock"
  | "announcements"
  | "outbox"
  | "stage"
  | "judging"
  | "leaderboard"
  | "ceremony"
  | "results"
  | "backup";

export interface SectionMeta {
  id: SectionId;
  /** The address below /organize/<event>; "" for the event's own page. */
  path: string;
  label: string;
  Icon: ComponentType<{ className?: string }>;
}

export const SECTIONS: SectionMeta[] = [
  { id: "event", path: "", label: "Event", Icon: CalendarIcon },
  { id: "categories", path: "categories", label: "Categories", Icon: TagIcon },
  { id: "prizes", path: "prizes", label: "Prizes", Icon: TrophyIcon },
  { id: "teams", path: "teams", label: "Teams", Icon: UsersIcon },
  { id: "check-in", path: "check-in", label: "Check-in", Icon: CheckIcon },
  { id: "photos", path: "photos", label: "Photo list", Icon: EyeOffIcon },
  { id: "judges", path: "judges", label: "Judges", Icon: GavelIcon },
  { id: "teachers", path: "teachers", label: "Teachers", Icon: UsersIcon },
  { id: "schools", path: "schools", label: "Schools", Icon: UsersIcon },
  { id: "clock", path: "clock", label: "Clock", Icon: ClockIcon },
  { id: "announcements", path: "announcements", label: "Announcements", Icon: MegaphoneIcon },
  { id: "outbox", path: "outbox", label: "Outbox", Icon: MailIcon },
  { id: "stage", path: "stage", label: "Stage", Icon: MicIcon },
  { id: "judging", path: "judging", label: "Judging", Icon: ClipboardIcon },
  { id: "leaderboard", path: "leaderboard", label: "Leaderboard", Icon: ChartIcon },
  { id: "ceremony", path: "ceremony", label: "Ceremony", Icon: SparkleIcon },
  { id: "results", path: "results", label: "Results", Icon: MedalIcon },
  { id: "backup", path: "backup", label: "Backup", Icon: DownloadIcon },
];

/** The section at /organize/<event>/<path>, if there is one. */
export const sectionAt = (path: string): SectionMeta | undefined =>
  SECTIONS.find((s) => s.path === path);
