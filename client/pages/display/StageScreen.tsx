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
      <main className="display-main stage-main" data-testid="stage-now">
        <section className="stage-who" aria-labelledby="stage-team">
          <p className="display-label stage-eyebrow">
            <MicIcon /> Now presenting
            {stage.categoryName && <span className="stage-category">· {stage.categoryName}</span>}
          </p>
          <h2 id="stage-team" className="stage-team">
            {team.name}
          </h2>
          {team.projectTitle && <p className="stage-project">“{team.projectTitle}”</p>}
        </section>
        {stage.phaseEndsAt ? (
          <StageTimer phase={phase} endsAt={stage.phaseEndsAt} size="display" />
        ) : (
          <p className="stage-untimed">{PHASE_WORDS[phase]}</p>
        )}
      </main>
      <footer className="stage-foot">
        <p className="display-panel display-strip stage-next" data-testid="stage-up-next">
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
