/** How many judges see each team: the app fills every panel to this size by itself. */
import { type FormEvent, useState } from "react";
import type { JudgingProgress } from "../../../../shared/api";
import { LIMITS } from "../../../../shared/limits";
import { Field } from "../../../components/Field";
import { api, messageOf, seg } from "../../../lib/api";
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
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [done, setDone] = useState<string | null>(null);
  const wanted = Number(value);
  const valid =
    Number.isInteger(wanted) &&
    wanted >= LIMITS.judgesPerTeamMin &&
    wanted <= LIMITS.judgesPerTeamMax;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    if (!valid) {
      setError(
        `Choose a whole number from ${LIMITS.judgesPerTeamMin} to ${LIMITS.judgesPerTeamMax}.`,
      );
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const next = await api.put<JudgingProgress>(`/events/${seg(slug)}/judging/panels`, {
        judgesPerTeam: wanted,
      });
      onSaved(next);
      setDone(`Each team now gets up to ${plural(wanted, "judge")}.`);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
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
        <Field
          label="Judges per team"
          hint={`From ${LIMITS.judgesPerTeamMin} to ${LIMITS.judgesPerTeamMax}. Lowering it only takes away places nobody has started scoring.`}
          error={error}
        >
          {(control) => (
            <input
              {...control}
              className="input input-short"
              type="number"
              inputMode="numeric"
              min={LIMITS.judgesPerTeamMin}
              max={LIMITS.judgesPerTeamMax}
              value={value}
              onChange={(e) => {
                setValue(e.target.value);
                setDone(null);
              }}
            />
          )}
        </Field>
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
    </section>
  );
}
