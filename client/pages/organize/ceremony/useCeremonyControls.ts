/**
 * The ceremony's buttons without their looks: start, blank, reveal and decide a shared place,
 * one change at a time (a second tap while one runs does nothing, so a double tap never reveals
 * two awards). Tested in tests/client/ceremonyControls.test.tsx.
 */
import { useRef, useState } from "react";
import type { Award, CeremonyPlan } from "../../../../shared/api";
import { ApiError, api, messageOf, seg } from "../../../lib/api";
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
  /** Which change runs now ("reveal", "start", "blank", "tie:<award id>"), or null. */
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const running = useRef(false);

  const act = async (what: string, work: () => Promise<CeremonyPlan>) => {
    if (running.current) return;
    running.current = true;
    quiet.current = true;
    setBusy(what);
    setError(null);
    try {
      setPlan(await work());
    } catch (e) {
      setError(messageOf(e));
      // Someone else moved the ceremony on (another phone): show where it is now.
      if (e instanceof ApiError && e.status === 409) reload();
    } finally {
      running.current = false;
      quiet.current = false;
      setBusy(null);
    }
  };

  const base = `/events/${seg(slug)}`;
  const rest = () => new Promise((resolve) => setTimeout(resolve, restMs));
  return {
    busy,
    error,
    reveal: () =>
      act("reveal", async () => {
        await api.post<{ award: Award }>(`${base}/ceremony/next`);
        const [next] = await Promise.all([api.get(planPath(slug)), rest()]);
        return next;
      }),
    start: () =>
      act("start", () => api.post<CeremonyPlan>(`${base}/ceremony/screen`, { start: true })),
    blank: () =>
      act("blank", () =>
        api.post<CeremonyPlan>(`${base}/ceremony/screen`, { blank: !plan.state.blank }),
      ),
    decide: (award: PlanAward, teamId: string) =>
      act(`tie:${award.id}`, () =>
        api.post<CeremonyPlan>(`${base}/awards/${seg(award.id)}/team`, { teamId }),
      ),
  };
}
