/** Who is signed in: loaded once from GET /api/session, updated on sign-in and sign-out. */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from "react";
import type { Role, SessionUser } from "../../shared/api";
import { SIGNED_IN_COOKIE } from "../../shared/paths";
import { forgetAccount } from "../lib/accountStorage";
import { ApiError, api } from "../lib/api";

export type SessionState =
  | { status: "loading" }
  | { status: "error"; message: string }
  | { status: "ready"; user: SessionUser | null };

interface SessionContextValue {
  session: SessionState;
  /** The signed-in user, or null while loading, on error, or when signed out. */
  user: SessionUser | null;
  setUser(user: SessionUser | null): void;
  signOut(): Promise<void>;
  reload(): void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionState>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the retry trigger.
  useEffect(() => {
    // Without the hint cookie nobody is signed in: asking would only log a 401 in the console.
    if (!document.cookie.split("; ").includes(`${SIGNED_IN_COOKIE}=1`)) {
      setSession({ status: "ready", user: null });
      return;
    }
    const controller = new AbortController();
    api
      .get<{ user: SessionUser }>("/session", { signal: controller.signal })
      .then(({ user }) => setSession({ status: "ready", user }))
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.status === 401)
          setSession({ status: "ready", user: null });
        else
          setSession({
            status: "error",
            message: error instanceof ApiError ? error.detail : "We couldn't check who you are.",
          });
      });
    return () => controller.abort();
  }, [attempt]);

  const setUser = useCallback(
    (user: SessionUser | null) => setSession({ status: "ready", user }),
    [],
  );
  const signedIn = session.status === "ready" ? session.user : null;
  const signOut = useCallback(async () => {
    try {
      await api.delete("/session");
    } catch (error) {
      // Already signed out on the server is fine; anything else the caller shows.
      if (!(error instanceof ApiError && error.status === 401)) throw error;
    }
    // Scores, comments and lists this account left in the browser go with it.
    if (signedIn) forgetAccount(signedIn.id);
    setSession({ status: "ready", user: null });
  }, [signedIn]);
  const reload = useCallback(() => {
    setSession({ status: "loading" });
    setAttempt((n) => n + 1);
  }, []);

  const user = session.status === "ready" ? session.user : null;
  return (
    <SessionContext.Provider value={{ session, user, setUser, signOut, reload }}>
      {children}
    </SessionContext.Provider>
  );
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession must be used inside <SessionProvider>");
  return value;
}

/** Where each role's own pages start. */
export const HOME_FOR: Record<Role, string> = {
  organizer: "/organize",
  judge: "/judge",
  team: "/team",
  teacher: "/teacher",
};

export const AREA_NAME: Record<Role, string> = {
  organizer: "Your events",
  judge: "Judging",
  team: "Your team",
  teacher: "Your school",
};
