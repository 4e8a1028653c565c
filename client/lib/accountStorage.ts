/**
 * What this browser keeps for a signed-in account: a judge's unsent scores and comments, the
 * cached list of teams with their scores, which event the account follows. Keys end with the
 * account's id ("hmj:score-outbox:<id>"). Signing out forgets all of it, so the next person
 * on a shared phone or laptop reads none of it.
 */
const forgetters = new Set<(userId: string) => void>();

/** Lets a module that holds an account's data in memory drop it when the account signs out. */
export function onForget(forget: (userId: string) => void) {
  forgetters.add(forget);
}

export function forgetAccount(userId: string) {
  for (const forget of forgetters) forget(userId);
  try {
    const keys = Array.from({ length: localStorage.length }, (_, i) => localStorage.key(i));
    for (const key of keys)
      if (key?.startsWith("hmj:") && key.endsWith(`:${userId}`)) localStorage.removeItem(key);
  } catch {
    // Storage blocked (private mode): nothing was kept.
  }
}

/** How many of an account's score saves wait in this browser, not yet sent. */
export function unsentScores(userId: string): number {
  try {
    const list: unknown = JSON.parse(localStorage.getItem(`hmj:score-outbox:${userId}`) ?? "[]");
    return Array.isArray(list) ? list.length : 0;
  } catch {
    return 0;
  }
}
