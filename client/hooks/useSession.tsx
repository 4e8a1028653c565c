/** Who is signed in: loaded once from GET /api/session, updated on sign-in and sign-out. */
import { createContext, type ReactNode, useCallback, useContext, useState } from "react";
import type { Role, SessionUser } from "../../shared/api";
import { SIGNED_IN_COOKIE } from "../../shared/paths";
import { forgetAccount } from "../lib/accountStorage";
import { ApiError, api, endpoint } from "../lib/api";
import { useQuery } from "./useQuery";

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

async function whoIsSignedIn(signal: AbortSignal): Promise<SessionUser | null> {
  // Without the hint cookie nobody is signed in: asking would only log a 401 in the console.
  if (!document.cookie.split("; ").includes(`${SIGNED_IN_COOKIE}=1`)) return null;
  try {
    return (await api.get(endpoint("/session"), { signal })).user;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const query = useQuery("/session", whoIsSignedIn);
  // A sign-in or sign-out on this page: known without asking the server again.
  const [known, setKnown] = useState<{ user: SessionUser | null } | null>(null);
  const session: SessionState = known
    ? { status: "ready", user: known.user }
    : query.status === "ready"
      ? { status: "ready", user: query.data }
      : query.status === "error"
        ? { status: "error", message: query.error.detail }
        : { status: "loading" };

  const setUser = useCallback((user: SessionUser | null) => setKnown({ user }), []);
  const signedIn = session.status === "ready" ? session.user : null;
  const signOut = useCallback(async () => {
    try {
      await api.send("DELETE /session", {});
    } catch (error) {
      // Already signed out on the server is fine; anything else the caller shows.
      if (!(error instanceof ApiError && error.status === 401)) throw error;
    }
    // Scores, comments and lists this account left in the browser go with it.
    if (signedIn) forgetAccount(signedIn.id);
    setKnown({ user: null });
  }, [signedIn]);
  const { reload: ask } = query;
  const reload = useCallback(() => {
    setKnown(null);
    ask();
  }, [ask]);

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
