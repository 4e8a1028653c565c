/**
 * The stage timer: counts down to the end of a team's talk or questions on the server's clock
 * (like the event countdown, so every screen flips together), then counts up past it. Amber in
 * the last 30 seconds and red once over time, each with words as well, so colour is never the
 * only signal. Must sit under <EventSocketProvider>. Kept small: the projector loads it.
 */
import type { StagePhase } from "../../shared/api";
import { STAGE_WARNING_MS, stageTimerTone } from "../../shared/rules/stage";
import { useEventSocket } from "../hooks/useEventSocket";
import { useServerNow } from "../hooks/useServerClock";
import { AlertIcon, ClockIcon, HourglassIcon } from "./Icons";
import "./StageTimer.css";

export type StageTimerSize = "display" | "compact";

const TONE_WORDS = {
  normal: "Time left",
  warning: `Last ${STAGE_WARNING_MS / 1000} seconds`,
  over: "Over time",
} as const;

export const PHASE_WORDS: Record<StagePhase, string> = {
  idle: "Nothing on stage",
  ready: "Called to the stage",
  talk: "Talk",
  questions: "Questions",
};

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * The digits for `remainingMs`: "02:41" while time is left (rounded up, so 0 shows only when
 * time is up), then "−00:12" counting up once over time.
 */
export function stageDigits(remainingMs: number): string {
  const over = remainingMs <= 0;
  const total = over ? Math.floor(-remainingMs / 1000) : Math.ceil(remainingMs / 1000);
  return `${over ? "\u2212" : ""}${pad(Math.floor(total / 60))}:${pad(total % 60)}`;
}

/** "2 minutes 41 seconds": the digits in words, for screen readers. */
function words(ms: number): string {
  const total = Math.round(Math.abs(ms) / 1000);
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  const parts = [
    minutes ? `${minutes} minute${minutes === 1 ? "" : "s"}` : "",
    `${seconds} second${seconds === 1 ? "" : "s"}`,
  ];
  return parts.filter(Boolean).join(" ");
}

export function StageTimer({
  phase,
  endsAt,
  size = "compact",
}: {
  phase: "talk" | "questions";
  /** When the talk or the questions run out (server time). */
  endsAt: string;
  size?: StageTimerSize;
}) {
  const { offsetMs } = useEventSocket();
  const nowMs = useServerNow(offsetMs);
  const remainingMs = Date.parse(endsAt) - nowMs;
  const tone = stageTimerTone(remainingMs);
  const Icon = tone === "over" ? AlertIcon : tone === "warning" ? HourglassIcon : ClockIcon;
  const said =
    tone === "over"
      ? `Over time by ${words(remainingMs)}.`
      : `${words(remainingMs)} left for the ${phase === "talk" ? "talk" : "questions"}.`;

  return (
    <div
      className={`stage-timer stage-timer-${size} stage-timer-${tone}`}
      data-testid="stage-timer"
      data-tone={tone}
    >
      <p className="stage-timer-heading">
        <span className="stage-timer-phase">{PHASE_WORDS[phase]}</span>
        {/* Changes only at the two moments worth saying out loud. */}
        <span className="stage-timer-tone" aria-live="polite">
          <Icon className="stage-timer-icon" />
          {TONE_WORDS[tone]}
        </span>
      </p>
      <p className="stage-timer-digits" aria-hidden="true">
        {stageDigits(remainingMs)}
      </p>
      <p className="visually-hidden">{said}</p>
    </div>
  );
}
