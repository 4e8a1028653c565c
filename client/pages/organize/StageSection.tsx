/**
 * Running the presentations from a phone at the side of the stage: pick the category, then
 * Start talk / Questions / Next team / Back / Stop, with the team on stage and its timer as
 * the hall sees them. Below, the category's running order (RunningOrder). The shared stage
 * rules say beforehand which buttons make sense now; the server has the last word. Every press
 * sends the stage version this screen shows, so a press on an outdated screen changes nothing.
 */
import { useEffect, useId, useRef, useState } from "react";
import type {
  PresentationOrder,
  PresentationsView,
  StagePhase,
  StageState,
} from "../../../shared/api";
import {
  applyStageAction,
  nextTeam,
  previousTeam,
  type StageActionName,
  type StageRecord,
} from "../../../shared/rules/stage";
import {
  MicIcon,
  MonitorIcon,
  PlayIcon,
  QuestionIcon,
  SkipBackIcon,
  SkipForwardIcon,
  StopIcon,
  TagIcon,
  UsersIcon,
} from "../../components/Icons";
import { PHASE_WORDS, StageTimer } from "../../components/StageTimer";
import { EmptyState, ErrorState, Loading, Notice } from "../../components/States";
import { useSocketEvent } from "../../hooks/useEventSocket";
import { useMutation } from "../../hooks/useMutation";
import { useQuery } from "../../hooks/useQuery";
import { useTitle } from "../../hooks/useTitle";
import { api, endpoint } from "../../lib/api";
import { plural } from "../../lib/format";
import { Link } from "../../lib/router";
import { newerStage, teamLine, useStage } from "../display/useStage";
import type { SectionProps } from "./EventLayout";
import { LiveBadge } from "./LiveBadge";
import { RunningOrder } from "./RunningOrder";
import { SectionHead } from "./SectionHead";
import { slotWords } from "./SlotLength";
import "./stage.css";

export function StageSection({ event }: SectionProps) {
  useTitle(`${event.name}: stage`);
  const view = useQuery(endpoint("/events/{slug}/presentations", { slug: event.slug }));
  const pushed = useStage();
  const shown = view.status === "ready" ? view.data.stage : null;
  const { reload } = view;

  // Another phone pressed a button, or a running order changed: the push says the stage moved
  // on; fetch the orders again for the new places and "presented" marks. A push at the same
  // version with another "up next" or count comes from a late check-in joining an order; each
  // such push is weighed once, so one older than the answer cannot ask again and again.
  const weighed = useRef<StageState | null>(null);
  useEffect(() => {
    if (!pushed || !shown) return;
    if (pushed.version > shown.version) return reload();
    if (weighed.current === pushed) return;
    weighed.current = pushed;
    const joined =
      pushed.version === shown.version &&
      (pushed.remaining !== shown.remaining || pushed.upNext?.id !== shown.upNext?.id);
    if (joined) reload();
  }, [pushed, shown, reload]);

  return (
    <>
      <SectionHead event={event.name} title="Stage">
        <p>Run the presentations from your phone: the projector follows every press.</p>
      </SectionHead>
      {view.status === "loading" && <Loading label="Loading the running order…" />}
      {view.status === "error" && <ErrorState error={view.error} retry={view.reload} />}
      {view.status === "ready" &&
        (view.data.categories.length === 0 ? (
          <EmptyState icon={<TagIcon className="state-icon" />} title="No categories yet">
            <p>Teams present within their category. Add a category first.</p>
            <p>
              <Link className="btn btn-primary" to={`/organize/${event.slug}/categories`}>
                Go to Categories
              </Link>
            </p>
          </EmptyState>
        ) : (
          <StageBoard
            slug={event.slug}
            view={view.data}
            stage={newerStage(view.data.stage, pushed) ?? view.data.stage}
            setView={(next) => view.setData(() => next)}
            setStage={(stage) => view.setData((v) => ({ ...v, stage }))}
            reload={reload}
          />
        ))}
    </>
  );
}

function StageBoard({
  slug,
  view,
  stage,
  setView,
  setStage,
  reload,
}: {
  slug: string;
  view: PresentationsView;
  stage: StageState;
  setView: (view: PresentationsView) => void;
  setStage: (stage: StageState) => void;
  reload: () => void;
}) {
  const pickerId = useId();
  const [chosenId, setChosenId] = useState<string | null>(null);
  const { categories } = view;
  const order =
    categories.find((c) => c.categoryId === chosenId) ??
    categories.find((c) => c.categoryId === stage.categoryId) ??
    categories[0]!;

  return (
    <div className="stage-board">
      <div className="stage-picker">
        <div className="field">
          <label className="label" htmlFor={pickerId}>
            Category presenting
          </label>
          <select
            id={pickerId}
            className="input"
            value={order.categoryId}
            onChange={(e) => setChosenId(e.target.value)}
          >
            {categories.map((c) => (
              <option key={c.categoryId} value={c.categoryId}>
                {c.categoryName} ({plural(c.slots.length, "team")})
              </option>
            ))}
          </select>
        </div>
      </div>

      <StageControl
        slug={slug}
        stage={stage}
        order={order}
        onStage={(next) => {
          setStage(next);
          // "Start" marks the team as presented: fetch the order for the new marks.
          reload();
        }}
        reload={reload}
        showCategory={(id) => setChosenId(id)}
      />

      {order.slots.length === 0 ? (
        <EmptyState
          icon={<UsersIcon className="state-icon" />}
          title={`No teams to present in ${order.categoryName} yet`}
        >
          <p>
            Teams join the running order once they are checked in. Check teams in on the Teams page;
            they appear here straight away.
          </p>
          <p>
            <Link className="btn btn-primary" to={`/organize/${slug}/teams`}>
              Go to Teams
            </Link>
          </p>
        </EmptyState>
      ) : (
        <RunningOrder
          key={order.categoryId}
          slug={slug}
          order={order}
          stage={stage}
          setView={setView}
          reload={reload}
        />
      )}
    </div>
  );
}

type Message = { tone: "success" | "warning" | "error"; text: string };

const ACTIONS: StageActionName[] = ["start", "questions", "next", "back", "stop"];

/** The button that usually comes next, given the phase. */
function primaryAction(phase: StagePhase, questionsSeconds: number): StageActionName {
  if (phase === "ready") return "start";
  if (phase === "talk" && questionsSeconds > 0) return "questions";
  return "next";
}

/** What happened, in words, after a press. */
function said(action: StageActionName, stage: StageState): string {
  const name = stage.team?.name ?? "";
  switch (action) {
    case "start":
      return `${name}'s talk has started. The timer is on the screen.`;
    case "questions":
      return `Questions for ${name} have started.`;
    case "next":
    case "back":
      return stage.team
        ? `${name} is called to the stage. The screen shows them as next.`
        : "Every team has presented. The stage is clear and the screen shows the countdown.";
    case "stop":
      return "The stage is clear. The screen shows the event countdown.";
  }
}

function StageControl({
  slug,
  stage,
  order,
  onStage,
  reload,
  showCategory,
}: {
  slug: string;
  stage: StageState;
  order: PresentationOrder;
  onStage: (stage: StageState) => void;
  reload: () => void;
  showCategory: (categoryId: string) => void;
}) {
  const [said_, setSaid] = useState<Message | null>(null);
  const [ceremonyOn, setCeremonyOn] = useState(false);
  const pressed = useRef<StageActionName | null>(null);
  const buttons = useRef(new Map<StageActionName, HTMLButtonElement>());
  useSocketEvent("ceremony:state", (state) => setCeremonyOn(state.started));

  const onStageNow = stage.phase !== "idle" && stage.team !== null;
  const otherCategory = onStageNow && stage.categoryId !== order.categoryId;
  const record: StageRecord = {
    phase: stage.phase,
    categoryId: stage.categoryId,
    teamId: stage.team?.id ?? null,
    phaseStartedAt: stage.phaseStartedAt ? new Date(stage.phaseStartedAt) : null,
  };
  // The shared rules decide which presses make sense; "stop" never names a category.
  const problem = (action: StageActionName) => {
    const outcome = applyStageAction(
      record,
      action,
      action === "stop" ? null : order.categoryId,
      order.slots,
      new Date(),
    );
    return outcome.ok ? null : outcome.problem;
  };
  const allowed = new Map(ACTIONS.map((a) => [a, problem(a) === null]));
  const primary = primaryAction(stage.phase, stage.questionsSeconds);
  const current = onStageNow && !otherCategory ? stage.team!.id : null;
  const nextId = nextTeam(order.slots, current);
  const backId = previousTeam(order.slots, current);
  const nameOf = (id: string | null) => order.slots.find((s) => s.teamId === id)?.teamName;

  const move = useMutation(
    (action: StageActionName) =>
      api.send(
        "POST /events/{slug}/stage",
        { slug },
        {
          action,
          version: stage.version,
          ...(action === "stop" ? {} : { categoryId: order.categoryId }),
        },
      ),
    {
      onSuccess: (next, action) => {
        onStage(next);
        setSaid({ tone: "success", text: said(action, next) });
      },
      onError: (error) => {
        if (error.slug !== "stage-changed") return false;
        setSaid({
          tone: "warning",
          text: "Someone else moved the stage a moment ago, so nothing was changed. This screen now shows where the stage is: check it, then press again.",
        });
        reload();
        return true;
      },
    },
  );
  // The button pressed, while its press is on its way.
  const busy = move.busy ? pressed.current : null;
  const message: Message | null = move.message ? { tone: "error", text: move.message } : said_;
  const press = async (action: StageActionName) => {
    if (move.busy) return;
    pressed.current = action;
    setSaid(null);
    await move.run(action);
  };

  // A button that has just turned off takes the keyboard focus with it: hand the focus to the
  // button that usually comes next.
  useEffect(() => {
    const was = pressed.current && buttons.current.get(pressed.current);
    if (busy || !was) return;
    pressed.current = null;
    const lost = document.activeElement === was || document.activeElement === document.body;
    if (was.disabled && lost) buttons.current.get(primary)?.focus();
  }, [busy, primary]);

  const button = (
    action: StageActionName,
    label: string,
    Icon: typeof PlayIcon,
    sub: string | null,
  ) => (
    <button
      type="button"
      ref={(el) => {
        if (el) buttons.current.set(action, el);
        else buttons.current.delete(action);
      }}
      className={`stage-button${action === primary && allowed.get(action) ? " stage-button-primary" : ""}${action === "stop" ? " stage-button-stop" : ""}`}
      disabled={!allowed.get(action)}
      aria-busy={busy === action}
      onClick={() => void press(action)}
    >
      <span className="stage-button-main">
        <Icon />
        {busy === action ? "Sending…" : label}
      </span>
      {sub && <span className="stage-button-sub">{sub}</span>}
    </button>
  );

  return (
    <section className="card stage-control" aria-labelledby="stage-now-title">
      <h2 id="stage-now-title" className="visually-hidden">
        On stage now
      </h2>
      <OnStage stage={stage} order={order} firstUp={nameOf(nextId)} />

      {otherCategory && (
        <Notice tone="warning" title={`${stage.categoryName} is on stage`}>
          <p>
            Press Stop to clear the stage before running {order.categoryName}, or go back to{" "}
            {stage.categoryName}.
          </p>
          <button
            type="button"
            className="btn btn-secondary"
            onClick={() => stage.categoryId && showCategory(stage.categoryId)}
          >
            Show {stage.categoryName}
          </button>
        </Notice>
      )}

      <div className="stage-buttons">
        {button("start", "Start talk", PlayIcon, slotWords(order.talkSeconds, "talk"))}
        {button(
          "questions",
          "Questions",
          QuestionIcon,
          slotWords(order.questionsSeconds, "questions"),
        )}
        {button(
          "next",
          "Next team",
          SkipForwardIcon,
          nameOf(nextId) ?? (onStageNow && !otherCategory ? "None left: clears the stage" : null),
        )}
        {button("back", "Back", SkipBackIcon, nameOf(backId) ?? null)}
        {button("stop", "Stop", StopIcon, "Clear the stage")}
      </div>

      {onStageNow && (
        <p className="stage-now-next" data-testid="stage-up-next-line">
          <span className="muted">Up next:</span>{" "}
          {stage.upNext ? (
            <strong>{teamLine(stage.upNext)}</strong>
          ) : (
            "nobody, this is the last team"
          )}
        </p>
      )}

      <div className="stage-message" role="status">
        {message && message.tone !== "error" && (
          <p className={`stage-said stage-said-${message.tone}`}>{message.text}</p>
        )}
      </div>
      {message?.tone === "error" && (
        <Notice tone="error" live>
          <p>{message.text}</p>
        </Notice>
      )}

      <p className="stage-screen-says">
        <MonitorIcon />
        <span>
          <ScreenSays stage={stage} ceremonyOn={ceremonyOn} />
        </span>
      </p>
      <LiveBadge />
    </section>
  );
}

/** The team on stage and its timer, as the hall sees them; or who would be called first. */
function OnStage({
  stage,
  order,
  firstUp,
}: {
  stage: StageState;
  order: PresentationOrder;
  firstUp: string | undefined;
}) {
  const team = stage.phase === "idle" ? null : stage.team;
  if (!team)
    return (
      <div className="stage-now stage-now-idle" data-testid="stage-now-card">
        <p className="eyebrow">Nothing on stage</p>
        <p className="stage-now-lead">
          {firstUp ? (
            <>
              First up in {order.categoryName}: <strong>{firstUp}</strong>. Press Next team to call
              them, or Start talk to start straight away.
            </>
          ) : order.slots.length > 0 ? (
            <>
              Every team in {order.categoryName} has presented or is skipped. Bring a team back in
              the running order below, or press Back to return to the last one.
            </>
          ) : (
            <>No team in {order.categoryName} is checked in yet.</>
          )}
        </p>
      </div>
    );
  return (
    <div className="stage-now" data-testid="stage-now-card" data-phase={stage.phase}>
      <p className="eyebrow">
        <MicIcon /> {PHASE_WORDS[stage.phase]}
        {stage.categoryName && <span className="muted"> · {stage.categoryName}</span>}
      </p>
      <p className="stage-now-team">{team.name}</p>
      <p className="stage-now-project">
        {team.projectTitle ? `“${team.projectTitle}”` : "No project handed in"}
      </p>
      {(stage.phase === "talk" || stage.phase === "questions") && stage.phaseEndsAt && (
        <StageTimer phase={stage.phase} endsAt={stage.phaseEndsAt} />
      )}
      {stage.phase === "ready" && (
        <p className="stage-now-lead">
          When they are set up, press Start talk: {slotWords(stage.talkSeconds, "talk")}, then{" "}
          {slotWords(stage.questionsSeconds, "questions")}.
        </p>
      )}
    </div>
  );
}

/** What the projector shows now, in words. */
function ScreenSays({ stage, ceremonyOn }: { stage: StageState; ceremonyOn: boolean }) {
  if (ceremonyOn) return <>The screen shows the ceremony, which comes before the stage.</>;
  if (stage.phase === "talk" || stage.phase === "questions")
    return (
      <>
        The screen shows <strong>{stage.team?.name}</strong> presenting, with the timer.
      </>
    );
  if (stage.phase === "ready")
    return (
      <>
        The screen shows the countdown, with <strong>{stage.team?.name}</strong> on stage next.
      </>
    );
  return <>The screen shows the event countdown.</>;
}
