/** The organizer's live leaderboard: per category the ranked teams, secret until the ceremony. */
import type { Leaderboard, LeaderboardTeam } from "../../../shared/api";
import { ChartIcon, LockIcon } from "../../components/Icons";
import { EmptyState, ErrorState, Loading, Notice } from "../../components/States";
import { TableScroll } from "../../components/TableScroll";
import { useMutation } from "../../hooks/useMutation";
import { useTitle } from "../../hooks/useTitle";
import { api, endpoint } from "../../lib/api";
import { ordinal, plural } from "../../lib/format";
import { Link } from "../../lib/router";
import type { SectionProps } from "./EventLayout";
import { LiveBadge } from "./LiveBadge";
import { SectionHead } from "./SectionHead";
import { useLiveVersioned } from "./useLiveVersioned";
import "./leaderboard.css";

/** Live through the event's connection, which EventLayout opens for every section. */
export function LeaderboardSection(props: SectionProps) {
  return <Leaderboards {...props} />;
}

const oneDecimal = (n: number | null) => (n === null ? "—" : n.toFixed(1));

function Leaderboards({ event }: SectionProps) {
  useTitle(`${event.name}: leaderboard`);
  const board = useLiveVersioned(
    endpoint("/events/{slug}/leaderboard", { slug: event.slug }),
    "leaderboard",
  );

  return (
    <>
      <SectionHead event={event.name} title="Leaderboard">
        <p>
          The ranking of each category, updated live as judges save their scores. A team is ranked
          once a judge has scored every criterion for it.
        </p>
      </SectionHead>
      <Notice tone="warning" title="Keep this screen to yourself">
        <p>
          Only organizers can see these totals. Judges and teams don't see them, and the winners are
          revealed at the ceremony. Don't show this page on the projector.
        </p>
      </Notice>
      <details className="board-explain">
        <summary>What is the normalized score?</summary>
        <p>
          Some judges give everyone high marks and others are tougher. The normalized score evens
          this out: each judge's totals are compared with that judge's own average and spread, then
          put back on the same 0 to 100 scale. It is shown beside the plain score. Teams are ranked
          by the plain score unless you switch a category to normalized scores before scoring is
          locked.
        </p>
      </details>

      {board.status === "loading" && <Loading label="Loading the leaderboard…" />}
      {board.status === "error" && <ErrorState error={board.error} retry={board.reload} />}
      {board.status === "ready" && (
        <>
          <div className="org-live-row">
            <LiveBadge />
            {board.data.locked && (
              <span className="badge badge-finished">
                <LockIcon /> Scoring is locked: this is the final ranking
              </span>
            )}
          </div>
          {board.data.categories.length === 0 ? (
            <EmptyState
              icon={<ChartIcon className="state-icon" />}
              title="No categories yet"
              action={
                <Link className="btn btn-primary" to={`/organize/${event.slug}/categories`}>
                  Go to categories
                </Link>
              }
            >
              <p>Add a category with its criteria, and its ranking will show here.</p>
            </EmptyState>
          ) : (
            <ul className="card-list">
              {board.data.categories.map((category) => (
                <CategoryBoard
                  key={category.categoryId}
                  slug={event.slug}
                  category={category}
                  locked={board.data.locked}
                  onChanged={board.apply}
                />
              ))}
            </ul>
          )}
        </>
      )}
    </>
  );
}

function CategoryBoard({
  slug,
  category,
  locked,
  onChanged,
}: {
  slug: string;
  category: Leaderboard["categories"][number];
  locked: boolean;
  onChanged: (board: Leaderboard) => void;
}) {
  const ranking = useMutation(
    (normalized: boolean) =>
      api.send(
        "POST /events/{slug}/categories/{id}/ranking",
        { slug, id: category.categoryId },
        { normalized },
      ),
    { onSuccess: onChanged },
  );
  const { busy, message: error } = ranking;
  const toggle = ranking.run;
  const headingId = `board-${category.categoryId}`;
  const switchId = `normalized-${category.categoryId}`;

  return (
    <li className="card board-card">
      <div className="card-head">
        <h2 id={headingId}>{category.name}</h2>
        <div className="check board-switch">
          <input
            id={switchId}
            type="checkbox"
            checked={category.normalized}
            disabled={busy || locked}
            aria-describedby={`${switchId}-hint`}
            onChange={(e) => void toggle(e.target.checked)}
          />
          <label htmlFor={switchId}>Rank by normalized scores</label>
          <p className="hint" id={`${switchId}-hint`}>
            {locked
              ? "Scoring is locked, so this can't change now."
              : category.normalized
                ? "Ranked by normalized scores."
                : "Ranked by plain scores."}
          </p>
        </div>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {category.teams.length === 0 ? (
        <p className="muted">No checked-in teams in this category yet.</p>
      ) : (
        <TableScroll label={`Ranking of ${category.name}`}>
          <table className="board">
            <caption className="visually-hidden">Ranking of {category.name}</caption>
            <thead>
              <tr>
                <th scope="col">Place</th>
                <th scope="col">Team</th>
                <th scope="col" className="table-scroll-num">
                  Score
                </th>
                <th scope="col" className="table-scroll-num">
                  Normalized
                </th>
                <th scope="col">Judges</th>
              </tr>
            </thead>
            <tbody>
              {category.teams.map((team) => (
                <BoardRow key={team.teamId} team={team} normalized={category.normalized} />
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </li>
  );
}

function BoardRow({ team, normalized }: { team: LeaderboardTeam; normalized: boolean }) {
  return (
    <tr className={team.rank === null ? "board-unranked" : undefined}>
      <td>
        {team.rank === null ? (
          <span className="muted">Not ranked yet</span>
        ) : (
          <span className={`board-rank board-rank-${Math.min(team.rank, 4)}`}>
            {ordinal(team.rank)}
            {team.tied && <span className="board-tied"> tied</span>}
          </span>
        )}
      </td>
      <th scope="row">{team.teamName}</th>
      <td className={`table-scroll-num${normalized ? "" : " table-scroll-strong"}`}>
        {oneDecimal(team.score)}
      </td>
      <td className={`table-scroll-num${normalized ? " table-scroll-strong" : ""}`}>
        {oneDecimal(team.normalizedScore)}
      </td>
      <td>
        {plural(team.judgeCount, "judge")}
        {team.inProgress > 0 && (
          <span className="board-in-progress">{plural(team.inProgress, "card")} in progress</span>
        )}
      </td>
    </tr>
  );
}
