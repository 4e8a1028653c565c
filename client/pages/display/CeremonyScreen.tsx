/**
 * The prize-giving on the projector: a calm blank screen between awards, a title card for
 * each category, a build-up, then the award, large enough to read from the back of the hall,
 * and at the end every winner on one slide. Confetti only for those who have not asked for
 * less motion.
 */
import { useSyncExternalStore } from "react";
import type { Award, CeremonyState, EventView } from "../../../shared/api";
import { LogoMark, TrophyIcon, WifiOffIcon } from "../../components/Icons";
import { useEventSocket } from "../../hooks/useEventSocket";
import { awardKey, byCategory, placeName, placeWord } from "../../lib/awards";
import { plural } from "../../lib/format";
import type { CeremonyShow } from "./useCeremonyShow";
import "./ceremony.css";

export function CeremonyScreen({ event, show }: { event: EventView; show: CeremonyShow }) {
  const { status } = useEventSocket();
  const { stage, current } = show;
  // Each step arrives afresh, so its entrance plays again.
  const key = current ? `${stage}:${awardKey(current.award)}` : stage;

  return (
    <div className="display ceremony" data-stage={stage}>
      {stage !== "blank" && (
        <header className="ceremony-head">
          <LogoMark className="ceremony-logo" />
          <p className="ceremony-event">{event.name}</p>
          {status !== "connected" && (
            <p className="display-offline" role="status">
              <WifiOffIcon />
              {status === "failed" ? "Can't find this event" : "Reconnecting…"}
            </p>
          )}
        </header>
      )}
      <main className="ceremony-stage" key={key}>
        {stage === "blank" && <Blank event={event} offline={status !== "connected"} />}
        {stage === "opening" && <Opening event={event} />}
        {current && stage === "title" && (
          <TitleCard event={event} award={current.award} toGive={show.state?.toGive ?? []} />
        )}
        {current && stage === "buildup" && <BuildUp award={current.award} />}
        {current && stage === "award" && (
          <AwardSlide award={current.award} celebrate={current.live} />
        )}
        {stage === "final" && <FinalSlide event={event} awards={show.revealed} />}
      </main>
    </div>
  );
}

function Blank({ event, offline }: { event: EventView; offline: boolean }) {
  return (
    <div className="ceremony-blank">
      <LogoMark className="ceremony-blank-logo" />
      <h1 className="ceremony-blank-name">{event.name}</h1>
      {offline && (
        <p className="ceremony-blank-offline" role="status">
          Reconnecting…
        </p>
      )}
    </div>
  );
}

function Opening({ event }: { event: EventView }) {
  const sponsors = [...new Set(event.prizes.map((p) => p.sponsor).filter(Boolean))];
  return (
    <div className="ceremony-card ceremony-opening">
      <TrophyIcon className="ceremony-trophy" />
      <p className="ceremony-eyebrow">Prize-giving</p>
      <h1 className="ceremony-big">The winners are about to be revealed</h1>
      {sponsors.length > 0 && (
        <p className="ceremony-sub">With thanks to our sponsors: {sponsors.join(" · ")}</p>
      )}
    </div>
  );
}

function TitleCard({
  event,
  award,
  toGive,
}: {
  event: EventView;
  award: Award;
  toGive: CeremonyState["toGive"];
}) {
  const category = event.categories.find((c) => c.id === award.categoryId);
  // The awards given, not the prizes planned: a prize nobody could win is not given.
  const prizes = toGive.find((g) => g.categoryId === award.categoryId)?.count ?? 0;
  return (
    <div className="ceremony-card ceremony-title">
      <p className="ceremony-eyebrow">Next category</p>
      <h1 className="ceremony-huge">{award.category}</h1>
      {category?.description && (
        <p className="ceremony-sub ceremony-clamp">{category.description}</p>
      )}
      {prizes > 0 && <p className="ceremony-sub">{plural(prizes, "prize")} to give</p>}
    </div>
  );
}

function BuildUp({ award }: { award: Award }) {
  return (
    <div className="ceremony-card ceremony-buildup">
      <p className="ceremony-eyebrow">{award.category}</p>
      <h1 className="ceremony-huge">
        In {placeWord(award.place)} place<span className="ceremony-dots">…</span>
      </h1>
    </div>
  );
}

function AwardSlide({ award, celebrate }: { award: Award; celebrate: boolean }) {
  const calm = useReducedMotion();
  return (
    <>
      {celebrate && !calm && <Confetti />}
      <div className="ceremony-card ceremony-award">
        <p className="ceremony-eyebrow">{award.category}</p>
        <p className={`ceremony-place ceremony-place-${Math.min(award.place, 4)}`}>
          {placeName(award.place)}
        </p>
        <h1 className="ceremony-team">{award.teamName}</h1>
        <p className="ceremony-school">{award.school}</p>
        {award.projectTitle && (
          <p className="ceremony-project">
            <span className="ceremony-label">Project</span> {award.projectTitle}
          </p>
        )}
        <div className="ceremony-prize">
          <TrophyIcon className="ceremony-prize-icon" />
          <p>
            <strong>{award.prize}</strong>
            {award.sponsor && <span className="ceremony-sponsor">given by {award.sponsor}</span>}
          </p>
        </div>
      </div>
    </>
  );
}

const PIECES = Array.from({ length: 72 }, (_, i) => i);

function Confetti() {
  return (
    <div className="ceremony-confetti" aria-hidden="true" data-testid="confetti">
      {PIECES.map((i) => (
        <i key={i} />
      ))}
    </div>
  );
}

function FinalSlide({ event, awards }: { event: EventView; awards: Award[] }) {
  const groups = byCategory(
    awards,
    event.categories.map((c) => c.id),
  );
  // Fewer, bigger columns when there are few winners; the type shrinks as the list grows.
  const columns = groups.length <= 4 ? groups.length : Math.ceil(groups.length / 2);
  const size = awards.length <= 6 ? "large" : awards.length <= 12 ? "medium" : "small";
  return (
    <div className="ceremony-final">
      <h1 className="ceremony-final-title">Congratulations to all our winners</h1>
      <div className="ceremony-final-grid" data-columns={Math.max(1, columns)} data-size={size}>
        {groups.map((group) => (
          <section
            key={group.categoryId}
            className="ceremony-final-category"
            aria-labelledby={`final-${group.categoryId}`}
          >
            <h2 id={`final-${group.categoryId}`}>{group.category}</h2>
            <ol>
              {group.awards.map((a) => (
                <li key={awardKey(a)}>
                  <span className={`ceremony-final-place ceremony-place-${Math.min(a.place, 4)}`}>
                    {placeName(a.place)}
                  </span>
                  <span className="ceremony-final-team">{a.teamName}</span>
                  <span className="ceremony-final-meta">{a.school}</span>
                  <span className="ceremony-final-prize">
                    <TrophyIcon /> {a.prize}
                    {a.sponsor && (
                      <span className="ceremony-final-sponsor"> · given by {a.sponsor}</span>
                    )}
                  </span>
                </li>
              ))}
            </ol>
          </section>
        ))}
      </div>
    </div>
  );
}

const REDUCE = "(prefers-reduced-motion: reduce)";

function subscribeMotion(listener: () => void) {
  const query = window.matchMedia(REDUCE);
  query.addEventListener("change", listener);
  return () => query.removeEventListener("change", listener);
}

/** Whether the screen asks for less motion; the confetti is then not drawn at all. */
function useReducedMotion(): boolean {
  return useSyncExternalStore(subscribeMotion, () => window.matchMedia(REDUCE).matches);
}
