/**
 * Every checked-in team with its panel and how far each judge has got, live. Built for a big
 * event: a category at a time, searchable, "needs attention" first on request, a page of rows
 * at a time.
 */
import { useMemo, useState } from "react";
import type { JudgingProgress, ProgressCell, ProgressState } from "../../../../shared/api";
import {
  AlertIcon,
  CheckIcon,
  CircleIcon,
  ClipboardIcon,
  HalfCircleIcon,
} from "../../../components/Icons";
import { EmptyState, Notice } from "../../../components/States";
import { TableScroll } from "../../../components/TableScroll";
import { plural } from "../../../lib/format";

const PAGE = 50;

export const CELL: Record<ProgressState, { label: string; Icon: typeof CheckIcon }> = {
  scored: { label: "Scored", Icon: CheckIcon },
  "in-progress": { label: "Started", Icon: HalfCircleIcon },
  "not-started": { label: "To do", Icon: CircleIcon },
};

/** Teams nobody can judge, and teams with fewer judges than the panel size. */
export function Coverage({ progress }: { progress: JudgingProgress }) {
  const name = new Map(progress.teams.map((t) => [t.teamId, t.teamName]));
  const thin = progress.teams.filter((t) => t.judges > 0 && t.judges < progress.judgesPerTeam);
  const list = (names: string[]) =>
    names.length > 12
      ? `${names.slice(0, 12).join(", ")} and ${names.length - 12} more`
      : names.join(", ");
  return (
    <>
      {progress.unjudgeable.length > 0 && (
        <Notice tone="error" title="Nobody can judge these teams">
          <p>{list(progress.unjudgeable.map((id) => name.get(id) ?? "A team"))}</p>
          <p>
            Every judge of their category declared one of the team's schools, or the category has no
            judge. Invite another judge for the category, or give the team to a judge by hand below.
          </p>
        </Notice>
      )}
      {thin.length > 0 && (
        <Notice
          tone="warning"
          title={`${plural(thin.length, "team")} with fewer than ${plural(progress.judgesPerTeam, "judge")}`}
        >
          <p>{list(thin.map((t) => `${t.teamName} (${t.judges})`))}.</p>
          <p>
            Their category has too few judges without a conflict. Invite another judge for it; new
            judges take the free places at once.
          </p>
        </Notice>
      )}
    </>
  );
}

type Filter = "all" | "attention" | "unfinished";

export function PanelTable({
  progress,
  categoryName,
}: {
  progress: JudgingProgress;
  categoryName: Map<string, string>;
}) {
  const [category, setCategory] = useState("all");
  const [filter, setFilter] = useState<Filter>("all");
  const [query, setQuery] = useState("");
  const [shown, setShown] = useState(PAGE);

  const panels = useMemo(() => {
    const byTeam = new Map<string, ProgressCell[]>();
    for (const cell of progress.cells) {
      const list = byTeam.get(cell.teamId) ?? [];
      list.push(cell);
      byTeam.set(cell.teamId, list);
    }
    return byTeam;
  }, [progress.cells]);
  const judgeName = useMemo(
    () => new Map(progress.judges.map((j) => [j.judgeId, j.name])),
    [progress.judges],
  );

  if (progress.teams.length === 0 || progress.judges.length === 0)
    return (
      <EmptyState icon={<ClipboardIcon className="state-icon" />} title="Nothing to judge yet">
        <p>
          {progress.judges.length === 0 ? "Invite judges in the Judges section. " : ""}
          {progress.teams.length === 0 ? "Teams appear here once they are checked in." : ""}
        </p>
      </EmptyState>
    );

  const needle = query.trim().toLowerCase();
  const rows = progress.teams.filter((team) => {
    if (category !== "all" && team.categoryId !== category) return false;
    if (needle && !team.teamName.toLowerCase().includes(needle)) return false;
    const cells = panels.get(team.teamId) ?? [];
    if (filter === "attention") return team.judges < progress.judgesPerTeam;
    if (filter === "unfinished") return cells.some((c) => c.state !== "scored");
    return true;
  });
  const categories = [...new Set(progress.teams.map((t) => t.categoryId))];

  return (
    <section aria-labelledby="progress-title">
      <h2 id="progress-title" className="section-title">
        Teams and their judges
      </h2>
      <div className="judging-filters">
        <label className="judging-filter">
          <span className="label">Category</span>
          <select
            className="input"
            value={category}
            onChange={(e) => {
              setCategory(e.target.value);
              setShown(PAGE);
            }}
          >
            <option value="all">All categories</option>
            {categories.map((id) => (
              <option key={id} value={id}>
                {categoryName.get(id) ?? "Category"}
              </option>
            ))}
          </select>
        </label>
        <label className="judging-filter">
          <span className="label">Show</span>
          <select
            className="input"
            value={filter}
            onChange={(e) => {
              setFilter(e.target.value as Filter);
              setShown(PAGE);
            }}
          >
            <option value="all">Every team</option>
            <option value="attention">Teams short of judges</option>
            <option value="unfinished">Teams not fully scored</option>
          </select>
        </label>
        <label className="judging-filter">
          <span className="label">Find a team</span>
          <input
            className="input"
            type="search"
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setShown(PAGE);
            }}
          />
        </label>
      </div>
      <p className="muted small" role="status">
        {rows.length === progress.teams.length
          ? `${plural(rows.length, "team")}.`
          : `${plural(rows.length, "team")} of ${progress.teams.length}.`}
      </p>
      {rows.length === 0 ? (
        <p className="muted">No team matches. Clear the search or choose another filter.</p>
      ) : (
        <TableScroll label="Teams and their judges">
          <table className="judging-grid">
            <caption className="visually-hidden">
              Each team's judges and how far they have got
            </caption>
            <thead>
              <tr>
                <th scope="col">Team</th>
                <th scope="col">Judges</th>
                <th scope="col">Panel</th>
              </tr>
            </thead>
            <tbody>
              {rows.slice(0, shown).map((team) => {
                const thin = team.judges < progress.judgesPerTeam;
                return (
                  <tr key={team.teamId}>
                    <th scope="row">
                      {team.teamName}
                      <span className="judging-grid-sub">{categoryName.get(team.categoryId)}</span>
                    </th>
                    <td className={thin ? "judging-coverage-thin" : undefined}>
                      {thin && <AlertIcon />}
                      {team.judges} of {progress.judgesPerTeam}
                      {thin && <span className="visually-hidden"> (too few)</span>}
                    </td>
                    <td>
                      <ul className="judging-panel-chips">
                        {(panels.get(team.teamId) ?? []).map((cell) => {
                          const { label, Icon } = CELL[cell.state];
                          return (
                            <li
                              key={cell.judgeId}
                              className={`judging-cell judging-cell-${cell.state}`}
                            >
                              <Icon />
                              {`${judgeName.get(cell.judgeId)}: ${label}${cell.manual ? " (by hand)" : ""}`}
                            </li>
                          );
                        })}
                      </ul>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
      {rows.length > shown && (
        <button
          type="button"
          className="btn btn-secondary judging-more"
          onClick={() => setShown((n) => n + PAGE)}
        >
          Show {Math.min(PAGE, rows.length - shown)} more
        </button>
      )}
    </section>
  );
}
