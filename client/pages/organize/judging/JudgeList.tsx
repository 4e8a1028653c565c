/** Each judge's panel and progress, and choosing a judge's teams by hand. */
import { type FormEvent, useRef, useState } from "react";
import type { JudgingProgress, ProgressJudge } from "../../../../shared/api";
import { CheckIcon, HalfCircleIcon } from "../../../components/Icons";
import { Notice } from "../../../components/States";
import { useMutation } from "../../../hooks/useMutation";
import { api } from "../../../lib/api";
import { plural } from "../../../lib/format";

/** At most this many teams are listed to tick at once: search to find the others. */
const CHOICES_SHOWN = 60;

export function JudgeList({
  slug,
  progress,
  categoryName,
  onSaved,
}: {
  slug: string;
  progress: JudgingProgress;
  categoryName: Map<string, string>;
  onSaved: (progress: JudgingProgress) => void;
}) {
  if (progress.judges.length === 0) return null;
  return (
    <section aria-labelledby="assign-title">
      <h2 id="assign-title" className="section-title">
        Judges
      </h2>
      <p className="muted">
        Each judge scores the teams on their panels. Choose a judge's teams by hand to decide
        yourself; the automatic panels then leave that judge alone.
      </p>
      <ul className="card-list">
        {progress.judges.map((judge) => (
          <JudgeCard
            key={judge.judgeId}
            slug={slug}
            judge={judge}
            progress={progress}
            categoryName={categoryName}
            onSaved={onSaved}
          />
        ))}
      </ul>
    </section>
  );
}

function JudgeCard({
  slug,
  judge,
  progress,
  categoryName,
  onSaved,
}: {
  slug: string;
  judge: ProgressJudge;
  progress: JudgingProgress;
  categoryName: Map<string, string>;
  onSaved: (progress: JudgingProgress) => void;
}) {
  const current = progress.cells.filter((c) => c.judgeId === judge.judgeId).map((c) => c.teamId);
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<string[]>(current);
  const [query, setQuery] = useState("");
  const [done, setDone] = useState<string | null>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const finished = judge.assigned > 0 && judge.scored === judge.assigned;

  const start = () => {
    setChosen(current);
    setQuery("");
    save.reset();
    setDone(null);
    setOpen(true);
  };
  const close = () => {
    setOpen(false);
    requestAnimationFrame(() => toggleRef.current?.focus());
  };

  const save = useMutation(
    (teamIds: string[]) =>
      api.send(
        "PUT /events/{slug}/judges/{id}/assignments",
        { slug, id: judge.judgeId },
        { teamIds },
      ),
    {
      onSuccess: (progress, teamIds) => {
        onSaved(progress);
        setDone(
          teamIds.length
            ? `${judge.name} now scores ${plural(teamIds.length, "team")} chosen by hand.`
            : `${judge.name} is back on the automatic panels.`,
        );
        close();
      },
    },
  );
  const { busy, error } = save;
  const send = save.run;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void send(chosen);
  };

  // The judge's teams when the form opened first, then their categories', then the rest; the
  // order does not move while boxes are ticked.
  const needle = query.trim().toLowerCase();
  const matches = progress.teams
    .filter((t) => !needle || t.teamName.toLowerCase().includes(needle))
    .sort(
      (a, b) =>
        Number(!current.includes(a.teamId)) - Number(!current.includes(b.teamId)) ||
        Number(!judge.categoryIds.includes(a.categoryId)) -
          Number(!judge.categoryIds.includes(b.categoryId)),
    );
  const listed = matches.slice(0, Math.max(CHOICES_SHOWN, chosen.length));

  return (
    <li className="card judging-assign-card">
      <div className="card-head">
        <h3>{judge.name}</h3>
        <span className={`badge ${finished ? "badge-ok" : "badge-wait"}`}>
          {finished ? <CheckIcon /> : <HalfCircleIcon />}
          {judge.scored} of {plural(judge.assigned, "team")} scored
        </span>
      </div>
      <p className="small muted">
        {judge.handPicked ? "Teams chosen by hand" : "Automatic panels"}
        {judge.categoryIds.length > 0 &&
          ` · ${judge.categoryIds.map((id) => categoryName.get(id) ?? "Category").join(", ")}`}
      </p>
      {done && (
        <p className="small" role="status">
          {done}
        </p>
      )}
      {!open ? (
        <button
          ref={toggleRef}
          type="button"
          className="btn btn-secondary"
          onClick={start}
          aria-label={`Choose teams by hand for ${judge.name}`}
        >
          Choose teams by hand
        </button>
      ) : (
        <form onSubmit={onSubmit} className="form">
          <label className="judging-filter">
            <span className="label">Find a team</span>
            <input
              className="input"
              type="search"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
            />
          </label>
          <fieldset className="fieldset org-fieldset-plain">
            <legend>
              Teams {judge.name} scores ({chosen.length} chosen)
            </legend>
            <ul className="org-checks">
              {listed.map((team) => {
                const id = `assign-${judge.judgeId}-${team.teamId}`;
                return (
                  <li key={team.teamId} className="check">
                    <input
                      id={id}
                      type="checkbox"
                      checked={chosen.includes(team.teamId)}
                      onChange={(e) =>
                        setChosen((list) =>
                          e.target.checked
                            ? [...list, team.teamId]
                            : list.filter((t) => t !== team.teamId),
                        )
                      }
                    />
                    <label htmlFor={id}>
                      {team.teamName}
                      <span className="muted small"> · {categoryName.get(team.categoryId)}</span>
                    </label>
                  </li>
                );
              })}
            </ul>
            {matches.length > listed.length && (
              <p className="small muted">
                {matches.length - listed.length} more teams: type part of a name to find them.
              </p>
            )}
          </fieldset>
          {error && (
            <Notice tone="error" live>
              <p>{error.detail}</p>
              {error.errors.length > 0 && (
                <ul>
                  {error.errors.map((item) => (
                    <li key={item.path}>{item.message}</li>
                  ))}
                </ul>
              )}
            </Notice>
          )}
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {busy ? "Saving…" : "Save teams"}
            </button>
            {judge.handPicked && (
              <button
                type="button"
                className="btn btn-secondary"
                disabled={busy}
                onClick={() => void send([])}
              >
                Back to the automatic panels
              </button>
            )}
            <button type="button" className="btn btn-ghost" onClick={close}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </li>
  );
}
