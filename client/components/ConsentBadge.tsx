/** A member's consent status as an icon and words (never colour alone). */
import type { MemberView } from "../../shared/api";
import { CheckIcon, CloseIcon, HourglassIcon } from "./Icons";

export function ConsentBadge({ member }: { member: Pick<MemberView, "consent"> }) {
  switch (member.consent.status) {
    case "given":
      return (
        <span className="badge badge-ok">
          <CheckIcon /> Consent given
        </span>
      );
    case "refused":
      return (
        <span className="badge badge-bad">
          <CloseIcon /> Guardian said no
        </span>
      );
    default:
      return (
        <span className="badge badge-wait">
          <HourglassIcon /> Waiting for guardian
        </span>
      );
  }
}
