/** How many judges see each team: the app fills every panel to this size by itself. */
import { type FormEvent, useState } from "react";
import type { JudgingProgress } from "../../../../shared/api";
import { LIMITS } from "../../../../shared/limits";
import { NumberField } from "../../../components/Field";
import { Notice } from "../../../components/States";
import { useMutation } from "../../../hooks/useMutation";
import { api } from "../../../lib/api";
import { plural } from "../../../lib/format";

export function PanelSettings({
  slug,
  progress,
  onSaved,
}: {
  slug: string;
  progress: JudgingProgress;
  onSaved: (progress: JudgingProgress) => void;
}) {
  const [value, setValue] = useState(String(progress.judgesPerTeam));
  const [invalid, setInvalid] = useState<string | undefined>();
  const [done, setDone] = useState<string | null>(null);
  const save = useMutation(
    (judgesPerTeam: number) =>
      api.send("PUT /events/{slug}/judging/panels", { slug }, { judgesPerTeam }),
    {
      onSuccess: (next, judgesPerTeam) => {
        onSaved(next);
        setDone(`Each team now gets up to ${plural(judgesPerTeam, "judge")}.`);
      },
    },
  );
  const busy = save.busy;
  const error = invalid ?? save.message;
  const wanted = Number(value);
  const valid =
    Number.isInteger(wanted) &&
    wanted >= LIMITS.judgesPerTeamMin &&
    wanted <= LIMITS.judgesPerTeamMax;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    if (!valid) {
      save.reset();
      setInvalid(
        `Choose a whole number from ${LIMITS.judgesPerTeamMin} to ${LIMITS.judgesPerTeamMax}.`,
      );
      return;
    }
    setInvalid(undefined);
    await save.run(wanted);
  };

  return (
    <section className="card judging-panels" aria-labelledby="panels-title">
      <h2 id="panels-title">Judging panels</h2>
      <p>
        The app gives each checked-in team {plural(progress.judgesPerTeam, "judge")} of its category
        by itself: never a judge who declared one of the team's schools, sharing the work out evenly
        and mixing schools. Teams and judges who arrive later only fill the free places; nobody's
        work moves. To choose a judge's teams yourself, use "Choose teams by hand" below.
      </p>
      <form className="judging-panels-form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <NumberField
          label="Judges per team"
          hint={`From ${LIMITS.judgesPerTeamMin} to ${LIMITS.judgesPerTeamMax}. Lowering it only takes away places nobody has started scoring.`}
          error={error}
          min={LIMITS.judgesPerTeamMin}
          max={LIMITS.judgesPerTeamMax}
          value={value}
          onValue={(v) => {
            setValue(v);
            setDone(null);
          }}
        />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? "Saving…" : "Save"}
          </button>
          {done && (
            <p className="small" role="status">
              {done}
            </p>
          )}
        </div>
      </form>
      <EvenOut slug={slug} progress={progress} onSaved={onSaved} />
    </section>
  );
}

/**
 * Judges invited after the check-ins can leave the load uneven: the first of them took every
 * free place. Offers to move the places nobody has started scoring.
 */
function EvenOut({
  slug,
  progress,
  onSaved,
}: {
  slug: string;
  progress: JudgingProgress;
  onSaved: (progress: JudgingProgress) => void;
}) {
  const [moved, setMoved] = useState<string | null>(null);
  const evenOut = useMutation(
    () => api.send("POST /events/{slug}/judging/panels/even-out", { slug }),
    {
      onSuccess: (answer) => {
        onSaved(answer.progress);
        setMoved(
          answer.moved === 0
            ? "Nothing could move: every place that could go to another judge has been started."
            : `Moved ${plural(answer.moved, "team")} nobody had started scoring to judges with fewer.`,
        );
      },
    },
  );
  const result = evenOut.message
    ? { tone: "error" as const, text: evenOut.message }
    : moved
      ? { tone: "success" as const, text: moved }
      : null;
  const automatic = progress.judges.filter((j) => !j.handPicked && j.categoryIds.length > 0);
  const most = automatic.reduce((m, j) => (j.assigned > m.assigned ? j : m), automatic[0]!);
  const least = automatic.reduce((m, j) => (j.assigned < m.assigned ? j : m), automatic[0]!);
  const uneven = automatic.length > 1 && most.assigned - least.assigned >= 2;
  if (!uneven && !result) return null;

  return (
    <div className="judging-even-out">
      {uneven && (
        <Notice tone="warning" title="Some judges have many more teams than others">
          <p>
            {most.name} has {plural(most.assigned, "team")}, {least.name}{" "}
            {plural(least.assigned, "team")}. This happens when judges join after the teams checked
            in. Evening out moves only teams nobody has started scoring.
          </p>
          <button
            type="button"
            className="btn btn-secondary"
            disabled={evenOut.busy}
            onClick={() => {
              setMoved(null);
              void evenOut.run();
            }}
          >
            {evenOut.busy ? "Moving teams…" : "Even out the load"}
          </button>
        </Notice>
      )}
      {result && (
        <Notice tone={result.tone} live>
          <p>{result.text}</p>
        </Notice>
      )}
    </div>
  );
}
