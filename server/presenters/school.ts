import type { SchoolOption, SchoolView } from "../../shared/api";
import type { SchoolRow, SchoolSummary } from "../services/schools";

/** A school as anyone may see it: its id and the name every screen prints. */
export function presentSchoolOption(school: SchoolRow): SchoolOption {
  return { id: school.id, name: school.name };
}

/** A school for the organizers' list: how many members, teams and judges it has. */
export function presentSchool(school: SchoolRow | SchoolSummary): SchoolView {
  return {
    id: school.id,
    name: school.name,
    version: school.version,
    members: "members" in school ? school.members : 0,
    teams: "teams" in school ? school.teams : 0,
    judges: "judges" in school ? school.judges : 0,
  };
}
