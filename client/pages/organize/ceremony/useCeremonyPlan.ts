/** The organizer's ceremony plan, reloaded when another device moves the ceremony on. */
import { useRef } from "react";
import type { CeremonyPlan } from "../../../../shared/api";
import { useSocketEvent } from "../../../hooks/useEventSocket";
import { type Query, useQuery } from "../../../hooks/useQuery";
import { endpoint } from "../../../lib/api";

export const planPath = (slug: string) => endpoint("/events/{slug}/ceremony", { slug });

export function useCeremonyPlan(slug: string): {
  plan: Query<CeremonyPlan>;
  /** Set while this page's own change is in flight: its answer brings the new plan. */
  quiet: { current: boolean };
} {
  const plan = useQuery(planPath(slug));
  const quiet = useRef(false);
  const version = plan.status === "ready" ? plan.data.state.version : null;
  useSocketEvent("ceremony:state", (state) => {
    if (version !== null && state.version > version && !quiet.current) plan.reload();
  });
  return { plan, quiet };
}
