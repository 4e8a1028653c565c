/**
 * The event's countdown: the phase in words and the time left, ticking on the server's clock.
 * Must sit under <EventSocketProvider>. Screen readers hear it only at sensible moments
 * (every 10 minutes, then each of the last 5 minutes, and when the phase or pause changes).
 */
import { useEffect, useRef, useState } from "react";
import type { Clock } from "../../shared/api";
import { type CeremonyProgress, useCeremonyProgress } from "../hooks/useCeremonyProgress";
import { useServerClock } from "../hooks/useServerClock";
import { plural } from "../lib/format";
import { ClockIcon, FlagIcon, GavelIcon, HourglassIcon, PauseIcon, TrophyIcon } from "./Icons";
import "./Countdown.css";

export type CountdownSize = "display" | "regular" | "compact";

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** What the countdown is counting to, in words; the prize-giving has its own. */
export function phaseHeading(clock: Clock, ceremony: CeremonyProgress = "before"): string {
  if (clock.paused) return "Hacking is paused";
  if (clock.phase === "judging" && ceremony === "during") return "The prize-giving is under way";
  if (clock.phase === "judging" && ceremony === "after") return "The winners are announced";
  switch (clock.phase) {
    case "upcoming":
    case "registration":
    case "waiting":
      return "Hacking starts in";
    case "hacking":
      return "Time left to hack";
    case "judging":
      return "Judging is under way";
    case "finished":
      return "The event has finished";
  }
}

interface Parts {
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

export function splitRemaining(ms: number): Parts {
  // Round up: with 0.4 s left the screen still says 1 second, and 0 only when time is up.
  const total = Math.max(0, Math.ceil(ms / SECOND));
  return {
    days: Math.floor(total / 86_400),
    hours: Math.floor(total / 3600) % 24,
    minutes: Math.floor(total / 60) % 60,
    seconds: total % 60,
  };
}

/** "2 days, 5 hours and 12 minutes": words for screen readers, to the minute. */
export function remainingWords(ms: number): string {
  if (ms <= 0) return "no time";
  if (ms < MINUTE) return "less than a minute";
  const { days, hours, minutes } = splitRemaining(Math.ceil(ms / MINUTE) * MINUTE);
  const parts = [
    days ? plural(days, "day") : "",
    hours ? plural(hours, "hour") : "",
    minutes ? plural(minutes, "minute") : "",
  ].filter(Boolean);
  if (parts.length === 1) return parts[0] ?? "";
  return `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}

/**
 * Which announcement bucket the clock is in: a new bucket is worth saying out loud. Every
 * 10 minutes, then each minute of the last five; any phase or pause change is a new bucket.
 */
function announceBucket(clock: Clock, remainingMs: number, ceremony: CeremonyProgress): string {
  const counting = clock.target !== null || clock.paused;
  if (!counting) return `${clock.phase}|${ceremony}`;
  const minutes = Math.ceil(remainingMs / MINUTE);
  const step = minutes <= 5 ? minutes : Math.ceil(minutes / 10) * 10;
  return `${clock.phase}|${clock.paused}|${step}`;
}

function announcement(clock: Clock, remainingMs: number, ceremony: CeremonyProgress): string {
  const heading = phaseHeading(clock, ceremony);
  if (clock.paused) return `${heading}. ${remainingWords(remainingMs)} left when it restarts.`;
  if (!clock.target) return `${heading}.`;
  if (remainingMs <= 0) return clock.phase === "hacking" ? "Time is up!" : "Hacking is starting.";
  return `${heading} ${remainingWords(remainingMs)}.`;
}

const pad = (n: number) => String(n).padStart(2, "0");

function PhaseIcon({ clock, ceremony }: { clock: Clock; ceremony: CeremonyProgress }) {
  if (clock.paused) return <PauseIcon className="countdown-icon" />;
  if (clock.phase === "judging" && ceremony !== "before")
    return <TrophyIcon className="countdown-icon" />;
  if (clock.phase === "judging") return <GavelIcon className="countdown-icon" />;
  if (clock.phase === "finished") return <FlagIcon className="countdown-icon" />;
  if (clock.phase === "hacking") return <HourglassIcon className="countdown-icon" />;
  return <ClockIcon className="countdown-icon" />;
}

export function Countdown({
  size = "regular",
  className,
}: {
  size?: CountdownSize;
  className?: string;
}) {
  const { clock, remainingMs } = useServerClock();
  const ceremony = useCeremonyProgress();
  const [spoken, setSpoken] = useState("");
  const lastBucket = useRef<string | null>(null);

  const bucket = clock ? announceBucket(clock, remainingMs, ceremony) : null;
  useEffect(() => {
    if (!clock || bucket === null) return;
    // The first reading is on screen already; only changes are worth announcing.
    if (lastBucket.current !== null && lastBucket.current !== bucket)
      setSpoken(announcement(clock, remainingMs, ceremony));
    lastBucket.current = bucket;
  }, [bucket, clock, remainingMs, ceremony]);

  const classes = ["countdown", `countdown-${size}`, className].filter(Boolean);
  if (!clock) {
    return (
      <div className={[...classes, "countdown-loading"].join(" ")} data-testid="countdown">
        <p className="countdown-heading">
          <ClockIcon className="countdown-icon" />
          Loading the clock…
        </p>
      </div>
    );
  }

  const counting = clock.target !== null || clock.paused;
  const finalMinute =
    clock.phase === "hacking" && !clock.paused && remainingMs > 0 && remainingMs <= MINUTE;
  const timeUp = clock.phase === "hacking" && !clock.paused && remainingMs <= 0;
  if (clock.paused) classes.push("countdown-paused");
  if (finalMinute) classes.push("countdown-final");
  if (!counting) classes.push("countdown-over");
  const { days, hours, minutes, seconds } = splitRemaining(remainingMs);
  if (days > 0) classes.push("countdown-has-days");

  return (
    <div
      className={classes.join(" ")}
      data-testid="countdown"
      data-phase={clock.phase}
      data-paused={clock.paused}
    >
      <p className="countdown-heading">
        <PhaseIcon clock={clock} ceremony={ceremony} />
        {phaseHeading(clock, ceremony)}
      </p>
      {counting && (
        <>
          <p className="countdown-digits" aria-hidden="true">
            {days > 0 && (
              <span className="countdown-part countdown-days">
                <span className="countdown-num">{days}</span>
                <span className="countdown-unit countdown-days-unit">
                  {days === 1 ? "day" : "days"}
                </span>
              </span>
            )}
            <span className="countdown-part">
              <span className="countdown-num">{pad(hours)}</span>
              <span className="countdown-unit">hours</span>
            </span>
            <span className="countdown-sep">:</span>
            <span className="countdown-part">
              <span className="countdown-num">{pad(minutes)}</span>
              <span className="countdown-unit">min</span>
            </span>
            <span className="countdown-sep">:</span>
            <span className="countdown-part">
              <span className="countdown-num">{pad(seconds)}</span>
              <span className="countdown-unit">sec</span>
            </span>
          </p>
          <p className="visually-hidden">
            {timeUp ? "Time is up." : `${remainingWords(remainingMs)} left.`}
          </p>
        </>
      )}
      {clock.paused && (
        <p className="countdown-note">
          The clock is stopped. Paused time is added back on when hacking restarts.
        </p>
      )}
      {finalMinute && <p className="countdown-note">Final minute: save your work now!</p>}
      {timeUp && <p className="countdown-note">Time is up!</p>}
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {spoken}
      </p>
    </div>
  );
}
