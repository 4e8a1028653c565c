import { UsersIcon } from "../components/Icons";
import { RequireRole } from "../components/RequireRole";
import { EmptyState } from "../components/States";
import { useTitle } from "../hooks/useApi";

/** The team's home. Team pages arrive in a later issue. */
export function TeamHomePage() {
  useTitle("Your team");
  return (
    <RequireRole allow="team">
      {(user) => (
        <div className="page page-narrow">
          <h1>Hi {user.name}</h1>
          <EmptyState icon={<UsersIcon className="state-icon" />} title="Your team page is coming">
            <p>
              Soon you will see your team's members and send in your project here. Check back before
              the event starts.
            </p>
          </EmptyState>
        </div>
      )}
    </RequireRole>
  );
}
