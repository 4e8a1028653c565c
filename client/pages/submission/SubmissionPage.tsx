import type {
  SessionUser,
  SubmissionVersionView,
  SubmissionView,
  TeamView,
} from "../../../shared/api";
import { Countdown } from "../../components/Countdown";
import { RequireRole } from "../../components/RequireRole";
import { ErrorState, Loading } from "../../components/States";
import { EventSocketProvider } from "../../hooks/useEventSocket";
import { useQuery } from "../../hooks/useQuery";
import { useServerClock } from "../../hooks/useServerClock";
import { useTitle } from "../../hooks/useTitle";
import { api, endpoint } from "../../lib/api";
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

/** The team, its saved project (none yet is fine) and the list of versions, together. */
async function loadSubmission(signal: AbortSignal): Promise<Loaded> {
  const options = { signal };
  // The team's own answer says whether a project exists, so a team that has not saved yet
  // is not asked for one (a 404 every browser would log).
  const { team, project } = await api.get(endpoint("/teams/me"), options);
  if (!project) return { team, submission: null, versions: [] };
  const [{ submission }, { versions }] = await Promise.all([
    api.get(endpoint("/teams/me/submission"), options),
    api.get(endpoint("/teams/me/submission/versions"), options),
  ]);
  return { team, submission, versions };
}

function Loader({ user }: { user: SessionUser }) {
  const state = useQuery("/teams/me/submission", loadSubmission);
  const slug = useMyEventSlug(
    user.id,
    state.status === "ready" ? (state.data.team.eventSlug ?? null) : null,
  );

  if (state.status === "loading") return <Loading label="Loading your project…" />;
  if (state.status === "error")
    return (
      <div className="page page-narrow">
        <ErrorState
          title="We couldn't load your project"
          error={state.error}
          retry={state.reload}
        />
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
  const event = useQuery(endpoint("/events/{slug}", { slug }));
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
