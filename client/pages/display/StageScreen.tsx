/**
 * The projector while a team presents: who is on stage and their project, the stage timer
 * large enough to read from the back of the hall, and who comes next. Names and titles only.
 */
import type { EventView, StageState, StageTeam } from "../../../shared/api";
import { MicIcon } from "../../components/Icons";
import { PHASE_WORDS, StageTimer } from "../../components/StageTimer";
import { DisplayHead } from "./DisplayHead";
import { teamLine } from "./useStage";
import "./stage.css";

export function StageScreen({
  event,
  stage,
  team,
  phase,
}: {
  event: EventView;
  stage: StageState;
  team: StageTeam;
  phase: "talk" | "questions";
}) {
  return (
    <div className="display" data-stage-phase={phase}>
      <DisplayHead event={event} />
      <main className="display-main onstage-main" data-testid="stage-now">
        <section className="onstage-who" aria-labelledby="stage-team">
          <p className="display-label onstage-eyebrow">
            <MicIcon /> Now presenting
            {stage.categoryName && <span className="onstage-category">· {stage.categoryName}</span>}
          </p>
          <h2 id="stage-team" className="onstage-team">
            {team.name}
          </h2>
          {team.projectTitle && <p className="onstage-project">“{team.projectTitle}”</p>}
        </section>
        {stage.phaseEndsAt ? (
          <StageTimer phase={phase} endsAt={stage.phaseEndsAt} size="display" />
        ) : (
          <p className="onstage-untimed">{PHASE_WORDS[phase]}</p>
        )}
      </main>
      <footer className="onstage-foot">
        <p className="display-panel display-strip onstage-next" data-testid="stage-up-next">
          <span className="display-label">{stage.upNext ? "Up next" : "Last team"}</span>
          <span className="display-strip-team">
            {stage.upNext
              ? teamLine(stage.upNext)
              : `No more teams${stage.categoryName ? ` in ${stage.categoryName}` : ""} after this one`}
          </span>
        </p>
      </footer>
    </div>
  );
}
