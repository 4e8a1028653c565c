/**
 * The projector: event name, phase and countdown (a fifth of the screen or more), the latest
 * announcements, the count of projects handed in, and the sponsors' prizes. No sign-in, no
 * header or footer chrome, dark, and it must fit the screen without scrolling. It mends its
 * own connection and says so while it does. Kept small: no zod, no organizer code.
 * Once the organizer starts the ceremony, the ceremony takes over the screen (CeremonyScreen).
 * While a team presents, the stage has the screen (StageScreen); a team called to the stage
 * shows as a strip under the countdown. The ceremony comes before the stage.
 */
import { useEffect, useRef } from "react";
import type { EventView, PrizeView } from "../../../shared/api";
import { Countdown } from "../../components/Countdown";
import { LogoMark, MegaphoneIcon, TrophyIcon } from "../../components/Icons";
import { EventSocketProvider, useEventSocket } from "../../hooks/useEventSocket";
import { useFitText } from "../../hooks/useFitText";
import { useQuery } from "../../hooks/useQuery";
import { useTitle } from "../../hooks/useTitle";
import { endpoint } from "../../lib/api";
import { ordinal } from "../../lib/format";
import { CeremonyScreen } from "./CeremonyScreen";
import { DisplayHead } from "./DisplayHead";
import { StageScreen } from "./StageScreen";
import { useCeremonyShow } from "./useCeremonyShow";
import { teamLine, useStage } from "./useStage";
import "./display.css";

const RETRY_MS = 5_000;
const LONG_ANNOUNCEMENT = 110;

export function DisplayPage({ params }: { params: Record<string, string> }) {
  const slug = params.slug ?? "";
  const resource = useQuery(endpoint("/events/{slug}", { slug }));
  useTitle(resource.status === "ready" ? `${resource.data.event.name}: display` : "Display");

  // Nobody stands at a projector to press "try again": retry on our own.
  const failed = resource.status === "error" && resource.error.status !== 404;
  const { reload } = resource;
  useEffect(() => {
    if (!failed) return;
    const timer = setTimeout(reload, RETRY_MS);
    return () => clearTimeout(timer);
  }, [failed, reload]);

  if (resource.status !== "ready")
    return (
      <div className="display display-waiting">
        <main className="display-message">
          <LogoMark className="display-logo" />
          <h1>
            {resource.status === "loading"
              ? "Loading…"
              : resource.error.status === 404
                ? "There is no event at this address"
                : "Waiting for the server…"}
          </h1>
          {resource.status === "error" && resource.error.status !== 404 && (
            <p role="status">We'll keep trying by ourselves.</p>
          )}
        </main>
      </div>
    );

  return (
    <EventSocketProvider slug={resource.data.event.slug}>
      <Display event={resource.data.event} />
    </EventSocketProvider>
  );
}

function Display({ event }: { event: EventView }) {
  const { clock, submissionsCount, announcements } = useEventSocket();
  const ceremony = useCeremonyShow();
  const stage = useStage();
  if (ceremony.active) return <CeremonyScreen event={event} show={ceremony} />;
  if (stage?.team && (stage.phase === "talk" || stage.phase === "questions"))
    return <StageScreen event={event} stage={stage} team={stage.team} phase={stage.phase} />;
  const [latest, ...older] = announcements;
  // A long announcement gets smaller type and the whole panel, so it can be read in full.
  const long = (latest?.text.length ?? 0) > LONG_ANNOUNCEMENT;
  const phase = clock?.phase ?? event.phase;
  const showCount = phase === "hacking" || phase === "judging" || phase === "finished";
  // A team called to the stage but not yet presenting: a strip under the countdown.
  const called = stage?.phase === "ready" ? stage.team : null;

  return (
    <div className="display" data-phase={phase}>
      <DisplayHead event={event} />

      <main className={`display-main${called ? " display-main-with-next" : ""}`}>
        <Countdown size="display" />
        {called && (
          <p className="display-strip display-onstage-next" data-testid="stage-next-strip">
            <span className="display-label">On stage next</span>{" "}
            <strong className="display-strip-team">{teamLine(called)}</strong>
          </p>
        )}
      </main>

      <footer className="display-foot">
        <section className="display-panel display-count" aria-labelledby="display-count">
          <h2 id="display-count" className="display-label">
            Submissions so{"\u00a0"}far
          </h2>
          <p className="display-count-number" data-testid="submissions-count">
            {submissionsCount ?? "–"}
          </p>
          {!showCount && (
            <p className="display-small">Projects are handed in once hacking starts.</p>
          )}
        </section>

        <section className="display-panel display-news" aria-labelledby="display-news">
          <h2 id="display-news" className="display-label">
            <MegaphoneIcon /> Latest news
          </h2>
          {latest ? (
            <>
              <LatestNews key={latest.id} text={latest.text} long={long} />
              {older.length > 0 && !long && (
                <ul className="display-older">
                  {older.slice(0, 2).map((a) => (
                    <li key={a.id}>{a.text}</li>
                  ))}
                </ul>
              )}
            </>
          ) : (
            <p className="display-small">News from the organizers will show here.</p>
          )}
        </section>

        <section className="display-panel display-prizes" aria-labelledby="display-prizes">
          <h2 id="display-prizes" className="display-label">
            <TrophyIcon /> Prizes
          </h2>
          <PrizeList event={event} />
        </section>
      </footer>
    </div>
  );
}

/** The newest announcement, in the largest type that shows all of it. */
function LatestNews({ text, long }: { text: string; long: boolean }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useFitText(ref, text);
  return (
    <p ref={ref} className={`display-latest${long ? " display-latest-long" : ""}`}>
      {text}
    </p>
  );
}

const PRIZES_SHOWN = 3;

function PrizeList({ event }: { event: EventView }) {
  const ref = useRef<HTMLUListElement>(null);
  useFitText(ref, event.prizes);
  if (event.prizes.length === 0) return <p className="display-small">Prizes to be announced.</p>;
  const categoryName = new Map(event.categories.map((c) => [c.id, c.name]));
  const sorted: PrizeView[] = [...event.prizes].sort((a, b) => a.place - b.place);
  const shown = sorted.slice(0, PRIZES_SHOWN);
  return (
    <ul ref={ref} className="display-prize-list">
      {shown.map((p) => (
        <li key={p.id}>
          <span className="display-place">{ordinal(p.place)}</span>
          <span className="display-prize">
            <strong>{p.title}</strong>
            <span className="display-prize-meta">
              {[categoryName.get(p.categoryId), p.sponsor].filter(Boolean).join(" · ")}
            </span>
          </span>
        </li>
      ))}
      {sorted.length > shown.length && (
        <li className="display-small">and {sorted.length - shown.length} more</li>
      )}
    </ul>
  );
}
