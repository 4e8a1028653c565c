/** Small pieces that show an event's facts the same way on public and organizer pages. */
import type { CategoryView, Phase, PrizeView } from "../../shared/api";
import { ordinal, PHASE_LABELS, schoolRule } from "../lib/format";
import { CheckIcon, ClockIcon, UsersIcon } from "./Icons";

export function PhaseBadge({ phase }: { phase: Phase }) {
  return (
    <span className={`badge badge-phase badge-${phase}`}>
      <ClockIcon />
      {PHASE_LABELS[phase]}
    </span>
  );
}

/** "UK time" for London, else the zone's name, so readers know which clock the times use. */
export function zoneName(timeZone: string): string {
  return timeZone === "Europe/London" ? "UK time" : `${timeZone.replace(/_/g, " ")} time`;
}

export function SchoolRule({ singleSchool }: { singleSchool: boolean }) {
  return (
    <span className={`rule${singleSchool ? " rule-strict" : ""}`}>
      {singleSchool ? <UsersIcon /> : <CheckIcon />}
      {schoolRule(singleSchool)}
    </span>
  );
}

/** Criteria as a compact table: what judges score, how much it counts, out of how many. */
export function CriteriaTable({ category }: { category: CategoryView }) {
  return (
    <table className="criteria">
      <caption className="visually-hidden">How {category.name} is judged</caption>
      <thead>
        <tr>
          <th scope="col">Judged on</th>
          <th scope="col">Counts</th>
          <th scope="col">Out of</th>
        </tr>
      </thead>
      <tbody>
        {category.criteria.map((c) => (
          <tr key={c.id}>
            <th scope="row">
              {c.name}
              {category.tieBreakCriterion === c.name && (
                <span className="tag" title="Used to break a tie">
                  tie-break
                </span>
              )}
              {c.description && <span className="criterion-description">{c.description}</span>}
            </th>
            <td>×{c.weight}</td>
            <td>{c.maxScore}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function prizesOf(prizes: PrizeView[], categoryId: string): PrizeView[] {
  return prizes.filter((p) => p.categoryId === categoryId).sort((a, b) => a.place - b.place);
}

export function PlaceBadge({ place }: { place: number }) {
  return <span className={`place place-${Math.min(place, 4)}`}>{ordinal(place)}</span>;
}
