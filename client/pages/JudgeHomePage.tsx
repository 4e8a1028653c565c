import { HourglassIcon } from "../components/Icons";
import { RequireRole } from "../components/RequireRole";
import { EmptyState } from "../components/States";
import { useTitle } from "../hooks/useApi";

/** The judge's home. Scoring arrives in a later issue; for now it says what will happen. */
export function JudgeHomePage() {
  useTitle("Judging");
  return (
    <RequireRole allow="judge">
      {(user) => (
        <div className="page page-narrow">
          <h1>Hi {user.name}</h1>
          <EmptyState icon={<HourglassIcon className="state-icon" />} title="Nothing to score yet">
            <p>
              Your teams to score will appear here once the event starts. Keep this page on your
              phone: you are signed in and ready.
            </p>
          </EmptyState>
        </div>
      )}
    </RequireRole>
  );
}
