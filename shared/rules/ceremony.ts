import type { Award, CeremonyState, RevealedAward } from "../api";

/**
 * The ceremony state after a reveal. A reveal carries what it changes (the award, the new
 * version, whether it was the last), so the server need not resend the whole state to every
 * screen with each award; each screen folds it into the state it holds. Returns null for a
 * reveal the state already has (same or older version).
 */
export function stateAfterReveal(
  state: CeremonyState,
  reveal: RevealedAward,
): CeremonyState | null {
  if (reveal.version <= state.version) return null;
  const { version, finished, ...award } = reveal;
  const known = state.revealed.some((a) => sameAward(a, award));
  return {
    ...state,
    version,
    started: true,
    blank: false,
    finished,
    revealed: known ? state.revealed : [...state.revealed, award],
  };
}

function sameAward(a: Award, b: Award): boolean {
  return a.categoryId === b.categoryId && a.place === b.place;
}
