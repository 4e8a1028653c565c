/**
 * Running the clock: pause and resume hacking, extend the deadline, and every change so far.
 * The shared clock rules say beforehand why an action can't be taken now; the server has
 * the last word (409 invalid-clock-action), shown plainly.
 */
import { type FormEvent, useId, useState } from "react";
import type { Clock } from "../../../shared/api";
import { LIMITS } from "../../../shared/limits";
import { type ClockState, clockActionProblem } from "../../../shared/rules/clock";
import { ConfirmPanel } from "../../components/ConfirmPanel";
import { Countdown } from "../../components/Countdown";
import { zoneName } from "../../components/EventBits";
import {
  ClockIcon,
  MonitorIcon,
  PauseIcon,
  PlayIcon,
  PlusIcon,
  StopIcon,
} from "../../components/Icons";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { useEventSocket, useSocketEvent } from "../../hooks/useEventSocket";
import { useMutation } from "../../hooks/useMutation";
import { useQuery } from "../../hooks/useQuery";
import { useServerClock } from "../../hooks/useServerClock";
import { useTitle } from "../../hooks/useTitle";
import { api, endpoint } from "../../lib/api";
import { dateTime, plural } from "../../lib/format";
import type { SectionProps } from "./EventLayout";
import { SectionHead } from "./SectionHead";
import "./clock.css";

interface Adjustment {
  id: string;
  action: "pause" | "resume" | "extend" | "start" | "end";
  minutes: number | null;
  at: string;
  by: string;
}

type Action =
  | { action: "pause" }
  | { action: "resume" }
  | { action: "start" }
  | { action: "end" }
  | { action: "extend"; minutes: number };

/** The shared rule needs only the phase and whether the clock is paused. */
function stateOf(clock: Clock): ClockState {
  return {
    phase: clock.phase,
    paused: clock.paused,
    pausedAt: null,
    deadline: new Date(clock.submissionsCloseAt),
    endsAt: new Date(clock.endsAt),
    target: clock.target ? new Date(clock.target) : null,
    remainingMs: clock.remainingMs,
  };
}

function describe(a: Adjustment): string {
  if (a.action === "pause") return `${a.by} paused the clock`;
  if (a.action === "resume") return `${a.by} restarted the clock`;
  if (a.action === "start") return `${a.by} started hacking`;
  if (a.action === "end") return `${a.by} ended hacking: projects closed`;
  return `${a.by} added ${plural(a.minutes ?? 0, "minute")}`;
}

export function ClockSection({ event }: SectionProps) {
  useTitle(`${event.name}: clock`);
  const { clock, acceptClock } = useEventSocket();
  const { nowMs } = useServerClock();
  const history = useQuery(endpoint("/events/{slug}/clock/history", { slug: event.slug }));
  const [done, setDone] = useState<string | null>(null);
  const tz = event.timezone;

  // Another organizer's change arrives as a new clock: show it in the history too.
  const { reload } = history;
  useSocketEvent("clock", () => reload());

  const change = useMutation(
    ({ body }: { body: Action; said: string }) =>
      api.send("POST /events/{slug}/clock", { slug: event.slug }, body),
    {
      onSuccess: (updated, { said }) => {
        acceptClock(updated);
        setDone(said);
        reload();
      },
    },
  );
  const { busy, message: error } = change;
  const act = (body: Action, said: string) => {
    setDone(null);
    return change.run({ body, said });
  };

  if (!clock) return <Loading label="Loading the clock…" />;

  const state = stateOf(clock);
  const toggle = clock.paused ? "resume" : "pause";
  const toggleProblem = clockActionProblem(toggle, state);
  const extendProblem = clockActionProblem("extend", state);
  // While paused the deadline keeps moving back, by the time spent paused.
  const deadlineMs = clock.paused
    ? Date.parse(clock.submissionsCloseAt) + Math.max(0, nowMs - Date.parse(clock.serverTime))
    : Date.parse(clock.submissionsCloseAt);
  const deadline = new Date(deadlineMs).toISOString();
  const planned = deadline !== new Date(event.submissionsCloseAt).toISOString();

  return (
    <>
      <SectionHead event={event.name} title="Clock">
        <p>
          The server keeps the time for everyone: teams, judges and the display all follow this
          clock. Pause it if something goes wrong in the hall; paused time is given back.
        </p>
      </SectionHead>

      <section className="card clock-panel" aria-labelledby="clock-now">
        <h2 id="clock-now" className="visually-hidden">
          The clock now
        </h2>
        <Countdown />
        <dl className="clock-facts">
          <div>
            <dt>Projects due</dt>
            <dd>
              {dateTime(deadline, tz)}
              {planned && (
                <span className="muted small">
                  {" "}
                  (planned: {dateTime(event.submissionsCloseAt, tz)})
                </span>
              )}
            </dd>
          </div>
          <div>
            <dt>Event ends</dt>
            <dd>{dateTime(clock.endsAt, tz)}</dd>
          </div>
        </dl>
        <p className="small muted">
          Times are {zoneName(tz)}.
          {clock.paused && " The deadline moves back for as long as the clock is paused."}
        </p>
        <a className="btn btn-ghost" href={`/display/${event.slug}`} target="_blank" rel="noopener">
          <MonitorIcon /> Open the projector display
          <span className="visually-hidden"> (opens in a new tab)</span>
        </a>
      </section>

      <section className="card clock-controls" aria-labelledby="clock-controls">
        <h2 id="clock-controls">Change the clock</h2>
        {error && (
          <p className="field-error clock-error" role="alert">
            {error}
          </p>
        )}
        <p className="small clock-done" role="status">
          {done}
        </p>
        <div className="clock-row">
          <button
            type="button"
            className={`btn btn-large ${clock.paused ? "btn-primary" : "btn-secondary"}`}
            disabled={busy || toggleProblem !== null}
            aria-describedby={toggleProblem ? "toggle-why" : undefined}
            onClick={() =>
              act(
                { action: toggle },
                toggle === "pause"
                  ? "The clock is paused. Everyone sees it."
                  : "The clock is running again.",
              )
            }
          >
            {clock.paused ? <PlayIcon /> : <PauseIcon />}
            {clock.paused ? "Resume the clock" : "Pause the clock"}
          </button>
          {toggleProblem && (
            <p id="toggle-why" className="small muted">
              {toggleProblem}
            </p>
          )}
        </div>
        <StartOrEnd
          clock={clock}
          timeZone={tz}
          state={state}
          busy={busy}
          onAct={(action) =>
            act(
              { action },
              action === "start"
                ? "Hacking has started. Every screen shows the countdown."
                : "Hacking has ended: teams can no longer change their projects.",
            )
          }
        />
        <ExtendControls
          busy={busy}
          problem={extendProblem}
          onExtend={(minutes) =>
            act(
              { action: "extend", minutes },
              `Added ${plural(minutes, "minute")}. Everyone sees the new deadline.`,
            )
          }
        />
      </section>

      <section aria-labelledby="clock-history">
        <h2 id="clock-history" className="section-title">
          Changes so far
        </h2>
        {history.status === "loading" && <Loading label="Loading changes…" />}
        {history.status === "error" && <ErrorState error={history.error} retry={history.reload} />}
        {history.status === "ready" &&
          (history.data.adjustments.length === 0 ? (
            <EmptyState icon={<ClockIcon className="state-icon" />} title="No changes yet">
              <p>
                The clock is running to the planned times. Pauses and extensions will show here.
              </p>
            </EmptyState>
          ) : (
            <ol className="card clock-log">
              {history.data.adjustments.map((a) => (
                <li key={a.id}>
                  <time dateTime={a.at}>{dateTime(a.at, tz)}</time>
                  <span>{describe(a)}</span>
                </li>
              ))}
            </ol>
          ))}
      </section>
    </>
  );
}

/**
 * Start hacking now (once sign-up has closed: the start moves to now, the deadline stays) or
 * end it now (projects close at once; an extension afterwards counts from then). Both are asked twice: every screen changes.
 */
function StartOrEnd({
  clock,
  timeZone,
  state,
  busy,
  onAct,
}: {
  clock: Clock;
  timeZone: string;
  state: ClockState;
  busy: boolean;
  onAct: (action: "start" | "end") => void;
}) {
  const [asking, setAsking] = useState(false);
  const action = clock.phase === "hacking" ? "end" : "start";
  const problem = clockActionProblem(action, state);
  // Only where it applies: before hacking (sign-up closed) and during it.
  if (clock.phase !== "waiting" && clock.phase !== "hacking") return null;
  const label = action === "start" ? "Start hacking now" : "End hacking now";
  return (
    <div className="clock-row">
      {!asking ? (
        <button
          type="button"
          className={`btn btn-large ${action === "start" ? "btn-primary" : "btn-secondary"}`}
          disabled={busy || problem !== null}
          aria-describedby={problem ? "start-end-why" : undefined}
          onClick={() => setAsking(true)}
        >
          {action === "start" ? <PlayIcon /> : <StopIcon />}
          {label}
        </button>
      ) : (
        <ConfirmPanel
          legend={label}
          question={
            action === "start"
              ? `Start hacking now? The countdown starts on every screen. Projects are still due at ${dateTime(clock.submissionsCloseAt, timeZone)}.`
              : "End hacking now? Projects close at once: teams can no longer change them."
          }
          confirm={busy ? "Changing…" : action === "start" ? "Yes, start now" : "Yes, end now"}
          onConfirm={() => {
            setAsking(false);
            onAct(action);
          }}
          danger={action === "end"}
          busy={busy}
          cancel="Not yet"
          onCancel={() => setAsking(false)}
        />
      )}
      {problem && (
        <p id="start-end-why" className="small muted">
          {problem}
        </p>
      )}
    </div>
  );
}

function ExtendControls({
  busy,
  problem,
  onExtend,
}: {
  busy: boolean;
  problem: string | null;
  onExtend: (minutes: number) => void;
}) {
  const id = useId();
  const [custom, setCustom] = useState("");
  const [customError, setCustomError] = useState<string | null>(null);
  const disabled = busy || problem !== null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const minutes = Number(custom);
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > LIMITS.extendMaxMinutes) {
      setCustomError(`Enter a whole number of minutes from 1 to ${LIMITS.extendMaxMinutes}.`);
      return;
    }
    setCustomError(null);
    setCustom("");
    onExtend(minutes);
  };

  return (
    <fieldset
      className="fieldset clock-extend"
      aria-describedby={problem ? `${id}-why` : undefined}
    >
      <legend>Extend the deadline</legend>
      {problem && (
        <p id={`${id}-why`} className="small muted">
          {problem}
        </p>
      )}
      <div className="clock-row">
        <button
          type="button"
          className="btn btn-secondary"
          disabled={disabled}
          onClick={() => onExtend(5)}
        >
          <PlusIcon /> 5 minutes
        </button>
        <button
          type="button"
          className="btn btn-secondary"
          disabled={disabled}
          onClick={() => onExtend(15)}
        >
          <PlusIcon /> 15 minutes
        </button>
      </div>
      <form className="clock-custom" onSubmit={submit} noValidate>
        <label className="label" htmlFor={`${id}-minutes`}>
          Other number of minutes
        </label>
        <div className="clock-row">
          <input
            id={`${id}-minutes`}
            className="input input-short"
            type="number"
            inputMode="numeric"
            min={1}
            max={LIMITS.extendMaxMinutes}
            step={1}
            value={custom}
            disabled={problem !== null}
            aria-invalid={Boolean(customError)}
            aria-describedby={customError ? `${id}-minutes-error` : undefined}
            onChange={(e) => setCustom(e.target.value)}
          />
          <button type="submit" className="btn btn-secondary" disabled={disabled}>
            Extend
          </button>
        </div>
        {customError && (
          <p id={`${id}-minutes-error`} className="field-error">
            {customError}
          </p>
        )}
      </form>
    </fieldset>
  );
}
