/** Shapes the HTTP API sends back (DESIGN.md section 4). Dates travel as ISO strings. */
import type { Phase } from "./rules/clock";
import type { Role, SessionUser } from "./schemas/session";

export type { Phase, Role, SessionUser };

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { path: string; message: string }[];
}

export interface CriterionView {
  id: string;
  name: string;
  description: string | null;
  weight: number;
  maxScore: number;
}

export interface CategoryView {
  id: string;
  name: string;
  description: string | null;
  singleSchool: boolean;
  tieBreakCriterion: string | null;
  criteria: CriterionView[];
}

export interface PrizeView {
  id: string;
  categoryId: string;
  place: number;
  title: string;
  sponsor: string | null;
}

export interface EventView {
  id: string;
  slug: string;
  name: string;
  venue: string;
  timezone: string;
  registrationOpensAt: string;
  registrationClosesAt: string;
  startsAt: string;
  submissionsCloseAt: string;
  endsAt: string;
  maxTeamSize: number;
  maxAge: number;
  phase: Phase;
  categories: CategoryView[];
  prizes: PrizeView[];
}

export interface EventSummary {
  id: string;
  slug: string;
  name: string;
  venue: string;
  startsAt: string;
  phase: Phase;
}

export interface JudgeView {
  id: string;
  name: string;
  email: string;
  schools: string[];
  categoryIds: string[];
  accepted: boolean;
}

export interface Clock {
  serverTime: string;
  phase: Phase;
  startsAt: string;
  submissionsCloseAt: string;
  endsAt: string;
  paused: boolean;
  target: string | null;
  remainingMs: number;
  version: number;
}
