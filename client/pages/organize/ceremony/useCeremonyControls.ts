/**
 * The ceremony's buttons without their looks: start, blank, reveal and decide a shared place,
 * one change at a time (a second tap while one runs does nothing, so a double tap never reveals
 * two awards). Tested in tests/client/ceremonyControls.test.tsx.
 */
import { useRef } from "react";
import type { CeremonyPlan } from "../../../../shared/api";
import { useMutation } from "../../../hooks/useMutation";
import { api } from "../../../lib/api";
import { planPath } from "./useCeremonyPlan";

type PlanAward = CeremonyPlan["awards"][number];

/** The Reveal button rests this long after a reveal, while the screen starts its build-up. */
export const REST_MS = 1_500;

export interface CeremonyControlsOptions {
  slug: string;
  plan: CeremonyPlan;
  setPlan: (plan: CeremonyPlan) => void;
  /** Fetches the plan again: another phone moved the ceremony on. */
  reload: () => void;
  /** Set while a change of this page's runs, so its own pushes do not reload the plan. */
  quiet: { current: boolean };
  /** How long the Reveal button rests after a reveal (tests pass 0). */
  restMs?: number;
}

export function useCeremonyControls({
  slug,
  plan,
  setPlan,
  reload,
  quiet,
  restMs = REST_MS,
}: CeremonyControlsOptions) {
  const change = useMutation((work: () => Promise<CeremonyPlan>) => work(), {
    onSuccess: (next) => setPlan(next),
    onError: (error) => {
      // Someone else moved the ceremony on (another phone): show where it is now.
      if (error.status === 409) reload();
      return false;
    },
  });
  /** Which change runs now ("reveal", "start", "blank", "tie:<award id>"). */
  const running = useRef<string | null>(null);

  const act = async (what: string, work: () => Promise<CeremonyPlan>) => {
    if (change.busy || running.current) return;
    running.current = what;
    quiet.current = true;
    try {
      await change.run(work);
    } finally {
      running.current = null;
      quiet.current = false;
    }
  };

  const rest = () => new Promise((resolve) => setTimeout(resolve, restMs));
  return {
    busy: change.busy ? running.current : null,
    error: change.message ?? null,
    reveal: () =>
      act("reveal", async () => {
        await api.send("POST /events/{slug}/ceremony/next", { slug });
        const [next] = await Promise.all([api.get(planPath(slug)), rest()]);
        return next;
      }),
    start: () =>
      act("start", () =>
        api.send("POST /events/{slug}/ceremony/screen", { slug }, { start: true }),
      ),
    blank: () =>
      act("blank", () =>
        api.send("POST /events/{slug}/ceremony/screen", { slug }, { blank: !plan.state.blank }),
      ),
    decide: (award: PlanAward, teamId: string) =>
      act(`tie:${award.id}`, () =>
        api.send("POST /events/{slug}/awards/{id}/team", { slug, id: award.id }, { teamId }),
      ),
  };
}
