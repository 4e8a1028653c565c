/**
 * The team hands in its project (/team/submission), on a phone as easily as on a laptop.
 * Every save is a new version on the server; unsaved typing is kept in this browser, so
 * nothing is lost. After the deadline the page shows what the judges see, read-only.
 */
import { useCallback, useEffect, useState } from "react";
import type {
  EventView,
  MyTeamView,
  SessionUser,
  SubmissionVersionView,
  SubmissionView,
  TeamView,
} from "../../../shared/api";
import { Countdown } from "../../components/Countdown";
import { RequireRole } from "../../components/RequireRole";
import { ErrorState, Loading } from "../../components/States";
import { useApi, useTitle } from "../../hooks/useApi";
import { EventSocketProvider } from "../../hooks/useEventSocket";
import { useServerClock } from "../../hooks/useServerClock";
import { ApiError, api, seg } from "../../lib/api";
import { useMyEventSlug } from "../../lib/myEvent";
import { SubmissionForm, type SubmissionWindow } from "./SubmissionForm";
import "./submission.css";

export function SubmissionPage() {
  useTitle("Your project");
  return <RequireRole allow="team">{(user) => <Loader user={user} />}</RequireRole>;
}

interface Loaded {
  team: TeamView & { eventSlug?: string };
  submission: SubmissionView | null;
  versions: SubmissionVersionView[];
}

type LoadState =
  | { status: "loading" }
  | { status: "error"; error: ApiError }
  | { status: "ready"; data: Loaded };

/** The team, its saved project (none yet is fine) and the list of versions, together. */
function useSubmissionData() {
  const [state, setState] = useState<LoadState>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the retry trigger.
  useEffect(() => {
    const controller = new AbortController();
    const options = { signal: controller.signal };
    setState({ status: "loading" });
    // The team's own answer says whether a project exists, so a team that has not saved yet
    // is not asked for one (a 404 every browser would log).
    api
      .get<MyTeamView>("/teams/me", options)
      .then(async ({ team, project }) => {
        if (!project) return { team, submission: null, versions: [] };
        const [{ submission }, { versions }] = await Promise.all([
          api.get<{ submission: SubmissionView }>("/teams/me/submission", options),
          api.get<{ versions: SubmissionVersionView[] }>("/teams/me/submission/versions", options),
        ]);
        return { team, submission, versions };
      })
      .then((data) => setState({ status: "ready", data }))
      .catch((e: unknown) => {
        if (controller.signal.aborted) return;
        setState({
          status: "error",
          error: e instanceof ApiError ? e : new ApiError(0, "unexpected", "Something went wrong."),
        });
      });
    return () => controller.abort();
  }, [attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, reload };
}

function Loader({ user }: { user: SessionUser }) {
  const { state, reload } = useSubmissionData();
  const slug = useMyEventSlug(
    user.id,
    state.status === "ready" ? (state.data.team.eventSlug ?? null) : null,
  );

  if (state.status === "loading") return <Loading label="Loading your project…" />;
  if (state.status === "error")
    return (
      <div className="page page-narrow">
        <ErrorState title="We couldn't load your project" error={state.error} retry={reload} />
      </div>
    );
  const { data } = state;
  if (!slug)
    return (
      <SubmissionForm
        {...data}
        handIn={{ open: true, closed: false }}
        timeZone={null}
        countdown={null}
      />
    );
  return (
    <EventSocketProvider slug={slug}>
      <LiveSubmission slug={slug} data={data} />
    </EventSocketProvider>
  );
}

/** Reads the event's clock: before hacking, during it, and after the deadline. */
function useSubmissionWindow(): SubmissionWindow {
  const { clock, remainingMs } = useServerClock();
  if (!clock) return { open: true, closed: false };
  const closed =
    clock.phase === "judging" ||
    clock.phase === "finished" ||
    (clock.phase === "hacking" && !clock.paused && remainingMs <= 0);
  const open = clock.phase === "hacking" && !closed;
  return { open, closed };
}

function LiveSubmission({ slug, data }: { slug: string; data: Loaded }) {
  const event = useApi<{ event: EventView }>(`/events/${seg(slug)}`);
  const handIn = useSubmissionWindow();
  return (
    <SubmissionForm
      {...data}
      handIn={handIn}
      timeZone={event.status === "ready" ? event.data.event.timezone : null}
      countdown={<Countdown size="compact" />}
    />
  );
}
