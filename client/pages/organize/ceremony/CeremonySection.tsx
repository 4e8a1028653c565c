/**
 * Running the prize-giving from a phone at the front of the hall: decide shared places, start
 * the ceremony on the projector, then one big Reveal button per award, with the next winner
 * shown here only. Every button is off while its request runs, so a double tap never
 * reveals two awards.
 */
import { useEffect, useRef, useState } from "react";
import type { CeremonyPlan } from "../../../../shared/api";
import { ConfirmPanel, useReturnFocus } from "../../../components/ConfirmPanel";
import { PlaceBadge } from "../../../components/EventBits";
import {
  CheckIcon,
  DownloadIcon,
  EyeOffIcon,
  LinkIcon,
  LockIcon,
  MonitorIcon,
  PrinterIcon,
  TrophyIcon,
} from "../../../components/Icons";
import { EmptyState, ErrorState, Loading, Notice } from "../../../components/States";
import { useTitle } from "../../../hooks/useTitle";
import { seg } from "../../../lib/api";
import { placeName, sponsorLine } from "../../../lib/awards";
import { Link } from "../../../lib/router";
import type { SectionProps } from "../EventLayout";
import { SectionHead } from "../SectionHead";
import { useCeremonyControls } from "./useCeremonyControls";
import { useCeremonyPlan } from "./useCeremonyPlan";
import "./awards.css";

type PlanAward = CeremonyPlan["awards"][number];

export function CeremonySection({ event }: SectionProps) {
  useTitle(`${event.name}: ceremony`);
  const { plan, quiet } = useCeremonyPlan(event.slug);
  return (
    <>
      <SectionHead event={event.name} title="Ceremony">
        <p>Reveal the winners on the projector, one by one.</p>
      </SectionHead>
      {plan.status === "loading" && <Loading label="Loading the ceremony…" />}
      {plan.status === "error" && <ErrorState error={plan.error} retry={plan.reload} />}
      {plan.status === "ready" && (
        <Control
          slug={event.slug}
          plan={plan.data}
          setPlan={(next) => plan.setData(() => next)}
          reload={plan.reload}
          quiet={quiet}
        />
      )}
    </>
  );
}

function Control({
  slug,
  plan,
  setPlan,
  reload,
  quiet,
}: {
  slug: string;
  plan: CeremonyPlan;
  setPlan: (plan: CeremonyPlan) => void;
  reload: () => void;
  quiet: { current: boolean };
}) {
  const { busy, error, reveal, start, blank, decide } = useCeremonyControls({
    slug,
    plan,
    setPlan,
    reload,
    quiet,
  });
  const doneRef = useRef<HTMLHeadingElement>(null);
  const { state } = plan;
  const finished = state.finished;
  const wasFinished = useRef(finished);

  // The Reveal button goes away with the last award: carry the focus to the news.
  useEffect(() => {
    if (finished && !wasFinished.current) doneRef.current?.focus();
    wasFinished.current = finished;
  }, [finished]);

  if (!plan.locked)
    return (
      <Notice tone="warning" title="Lock scoring first">
        <p>
          The winners come from the final scores, so the ceremony can start only once scoring is
          locked. Lock it at the bottom of the Judging page when every team has been scored.
        </p>
        <p>
          <Link className="btn btn-primary" to={`/organize/${slug}/judging`}>
            <LockIcon /> Go to Judging to lock scoring
          </Link>
        </p>
      </Notice>
    );

  const awards = plan.awards.filter((a) => a.team || a.candidates.length > 0);
  const categoryOrder = [...new Set(awards.map((a) => a.categoryId))];
  // Shared places best first (decide 2nd before 3rd), category by category.
  const ties = awards
    .filter((a) => !a.team && !a.revealed)
    .sort(
      (a, b) =>
        categoryOrder.indexOf(a.categoryId) - categoryOrder.indexOf(b.categoryId) ||
        a.place - b.place,
    );
  const next = awards.find((a) => a.id === plan.next) ?? null;
  const revealed = awards.filter((a) => a.revealed);

  if (awards.length === 0)
    return (
      <>
        <EmptyState
          icon={<TrophyIcon className="state-icon" />}
          title="There are no awards to give"
        >
          <p>
            No category has both prizes and ranked teams, so there is nothing to reveal. Prizes are
            matched to places when scoring is locked.
          </p>
        </EmptyState>
        <Unawarded plan={plan} />
      </>
    );

  return (
    <div className="award-control">
      {error && (
        <Notice tone="error" live>
          <p>{error}</p>
        </Notice>
      )}

      {finished && (
        <section className="card award-done-card" aria-labelledby="done-title">
          <CheckIcon className="award-done-icon" />
          <h2 id="done-title" ref={doneRef} tabIndex={-1}>
            Ceremony complete
          </h2>
          <p>
            Every prize has been revealed. In a few seconds the screen shows all the winners
            together. Well done!
          </p>
          <ul className="award-link-list">
            <li>
              <Link to={`/events/${slug}/results`}>
                <LinkIcon /> Results page (public)
              </Link>
            </li>
            <li>
              <Link to={`/organize/${slug}/certificates`}>
                <PrinterIcon /> Print certificates
              </Link>
            </li>
            <li>
              <a href={`/api/events/${seg(slug)}/exports/results.csv`} download>
                <DownloadIcon /> Download results (CSV)
              </a>
            </li>
          </ul>
        </section>
      )}

      {ties.length > 0 && (
        <section className="card award-tie-card" aria-labelledby="ties-title">
          <h2 id="ties-title">Decide the shared places first</h2>
          <p>
            These teams finished with exactly the same result, even after the tie-break. Choose who
            takes each place. The other teams move to the next place, if it has a prize.
          </p>
          {ties.map((award) => (
            <TieChoice
              key={award.id}
              award={award}
              busy={busy !== null}
              deciding={busy === `tie:${award.id}`}
              onChoose={(teamId) => void decide(award, teamId)}
            />
          ))}
        </section>
      )}

      {!state.started && !finished && (
        <section className="card award-start-card" aria-labelledby="start-title">
          <h2 id="start-title">
            <MonitorIcon /> Start on the screen
          </h2>
          <p>
            The projector swaps the countdown for the ceremony. Nothing is shown until you press
            Reveal.
          </p>
          <button
            type="button"
            className="btn btn-primary btn-large btn-block"
            disabled={busy !== null}
            onClick={() => void start()}
          >
            {busy === "start" ? "Starting…" : "Start the ceremony on the screen"}
          </button>
        </section>
      )}

      {next && !finished && (
        <NextAward
          award={next}
          number={revealed.length + 1}
          total={awards.length}
          started={state.started}
          blocked={ties.length > 0}
          busy={busy}
          onReveal={() => void reveal()}
        />
      )}

      {(state.started || revealed.length > 0) && (
        <section className="card award-screen-card" aria-labelledby="screen-title">
          <h2 id="screen-title">
            <MonitorIcon /> The screen
          </h2>
          <p className="award-progress-words" id="progress-words">
            <strong>
              {revealed.length} of {awards.length}
            </strong>{" "}
            revealed
          </p>
          <progress
            className="award-progress"
            value={revealed.length}
            max={awards.length}
            aria-labelledby="progress-words"
          />
          <p className="award-on-screen" role="status">
            <OnScreen latest={revealed.at(-1)} blank={state.blank} finished={finished} />
          </p>
          <button
            type="button"
            role="switch"
            aria-checked={state.blank}
            aria-describedby="blank-hint"
            className="btn btn-secondary btn-large btn-block award-blank-switch"
            disabled={busy !== null}
            onClick={() => void blank()}
          >
            <EyeOffIcon />
            Blank the screen
            <span className="award-switch-state" aria-hidden="true">
              {state.blank ? "On" : "Off"}
            </span>
          </button>
          <p className="hint" id="blank-hint">
            {state.blank
              ? "The screen is blank. Turn this off to show it again; the next reveal shows it too."
              : "Hide the screen between awards, for a speech or a photo."}
          </p>
        </section>
      )}

      <section className="card" aria-labelledby="revealed-title">
        <h2 id="revealed-title">Revealed so far</h2>
        {revealed.length === 0 ? (
          <p className="muted">Nothing yet. Each award you reveal is listed here, newest first.</p>
        ) : (
          <ol className="award-revealed-list" reversed>
            {[...revealed].reverse().map((a) => (
              <li key={a.id}>
                <PlaceBadge place={a.place} />
                <span>
                  <strong>{a.team?.name}</strong>
                  <span className="muted">
                    {" "}
                    · {a.category} · {a.prize}
                  </span>
                </span>
              </li>
            ))}
          </ol>
        )}
      </section>

      <Unawarded plan={plan} />
    </div>
  );
}

/** What the projector shows now, in words. */
function OnScreen({
  latest,
  blank,
  finished,
}: {
  latest: PlanAward | undefined;
  blank: boolean;
  finished: boolean;
}) {
  if (blank) return <>On the screen: nothing (blank).</>;
  if (finished) return <>On the screen: the last winner, then every winner together.</>;
  if (!latest) return <>On the screen: the opening slide.</>;
  return (
    <>
      On the screen: <strong>{latest.team?.name}</strong>, {placeName(latest.place)} in{" "}
      {latest.category}.
    </>
  );
}

function NextAward({
  award,
  number,
  total,
  started,
  blocked,
  busy,
  onReveal,
}: {
  award: PlanAward;
  number: number;
  total: number;
  started: boolean;
  blocked: boolean;
  busy: string | null;
  onReveal: () => void;
}) {
  return (
    <section className="card award-next-card" aria-labelledby="next-title">
      <p className="eyebrow">
        Next to reveal · {number} of {total}
      </p>
      <h2 id="next-title" className="award-next-title">
        <span className={`place place-${Math.min(award.place, 4)}`}>{placeName(award.place)}</span>
        <span>{award.category}</span>
      </h2>
      <p className="award-next-prize">
        <TrophyIcon />
        <span>
          <strong>{award.prize}</strong>
          {award.sponsor && <span className="muted"> · {sponsorLine(award.sponsor)}</span>}
        </span>
      </p>
      {award.team ? (
        <div className="award-secret">
          <p className="award-secret-label">
            <EyeOffIcon /> Only you can see this
          </p>
          <p className="award-secret-team">{award.team.name}</p>
          <p className="award-secret-meta">
            {award.team.school}
            {award.team.projectTitle && <> · “{award.team.projectTitle}”</>}
          </p>
        </div>
      ) : (
        <p className="muted">Shared place: decide who takes it above.</p>
      )}
      <button
        type="button"
        className="award-reveal-button"
        disabled={busy !== null || blocked}
        aria-describedby="reveal-hint"
        onClick={onReveal}
      >
        <span className="award-reveal-main">{busy === "reveal" ? "Revealing…" : "Reveal"}</span>
        <span className="award-reveal-sub">
          {placeName(award.place)} · {award.category}
        </span>
      </button>
      <p className="hint" id="reveal-hint">
        {blocked
          ? "Decide the shared places above before revealing."
          : started
            ? "The screen shows the category, a build-up, then the winner."
            : "Revealing also starts the ceremony on the screen."}
      </p>
    </section>
  );
}

function TieChoice({
  award,
  busy,
  deciding,
  onChoose,
}: {
  award: PlanAward;
  busy: boolean;
  deciding: boolean;
  onChoose: (teamId: string) => void;
}) {
  // The last team picked stays known after "Choose again", so the focus can go back to it.
  const [chosen, setChosen] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const team = asking ? award.candidates.find((c) => c.id === chosen) : undefined;
  const openRef = useReturnFocus(team !== undefined);

  return (
    <div className="award-tie">
      <h3>
        {award.category}: {placeName(award.place)}
      </h3>
      <p className="award-tie-prize">
        <TrophyIcon /> {award.prize}
      </p>
      {team ? (
        <ConfirmPanel
          className="confirm award-tie-confirm"
          legend={`Who takes ${placeName(award.place)} in ${award.category}`}
          question={
            <>
              Give {placeName(award.place)} to <strong>{team.name}</strong>? This can't be changed
              afterwards.
            </>
          }
          confirm={deciding ? "Saving…" : `Yes, ${team.name}`}
          onConfirm={() => onChoose(team.id)}
          busy={busy}
          cancel="Choose again"
          onCancel={() => setAsking(false)}
        />
      ) : (
        <ul className="award-tie-teams">
          {award.candidates.map((c) => (
            <li key={c.id}>
              <button
                ref={c.id === chosen ? openRef : undefined}
                type="button"
                className="award-tie-team"
                disabled={busy}
                onClick={() => {
                  setChosen(c.id);
                  setAsking(true);
                }}
              >
                <strong>{c.name}</strong>
                <span>{c.school}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Unawarded({ plan }: { plan: CeremonyPlan }) {
  if (plan.unawarded.length === 0) return null;
  return (
    <section className="card" aria-labelledby="unawarded-title">
      <h2 id="unawarded-title">Prizes with no team</h2>
      <p>
        Fewer teams were ranked than there are prizes in these categories, so these prizes are not
        given and the screen won't show them.
      </p>
      <ul className="award-revealed-list">
        {plan.unawarded.map((p) => (
          <li key={`${p.categoryId}:${p.place}`}>
            <PlaceBadge place={p.place} />
            <span>
              <strong>{p.prize}</strong>
              <span className="muted"> · {p.category}</span>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
