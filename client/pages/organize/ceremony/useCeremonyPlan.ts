/** The organizer's ceremony plan, reloaded when another device moves the ceremony on. */
import { useRef } from "react";
import type { CeremonyPlan } from "../../../../shared/api";
import { type Resource, useApi } from "../../../hooks/useApi";
import { useSocketEvent } from "../../../hooks/useEventSocket";
import { seg } from "../../../lib/api";

export const planPath = (slug: string) => `/events/${seg(slug)}/ceremony`;

export function useCeremonyPlan(slug: string): {
  plan: Resource<CeremonyPlan>;
  /** Set while this page's own change is in flight: its answer brings the new plan. */
  quiet: { current: boolean };
} {
  const plan = useApi<CeremonyPlan>(planPath(slug));
  const quiet = useRef(false);
  const version = plan.status === "ready" ? plan.data.state.version : null;
  useSocketEvent("ceremony:state", (state) => {
    if (version !== null && state.version > version && !quiet.current) plan.reload();
  });
  return { plan, quiet };
}
