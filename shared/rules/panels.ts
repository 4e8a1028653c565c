/**
 * Judging panels: which judges score which team. A pure plan, so the rules can be tested on
 * their own; server/services/judging/panels.ts reads the event, plans and writes the plan.
 *
 * - Never a conflict of interest: a judge never sits on the panel of a team with a member
 *   from a school the judge declared (such a seat is removed, hand-picked or not).
 * - Each checked-in team gets up to `judgesPerTeam` judges of its category, hand-picked seats
 *   included. Only judges not hand-picked are placed automatically.
 * - Balanced: a seat goes to the eligible judge with the fewest teams; among those, to the
 *   one with the fewest teams from the same school (so no judge sees one school's teams
 *   over and over); then by a fixed hash, never by arrival order.
 * - Stable: existing work never moves. A team or judge added late only gets or fills the seats
 *   that are free; a seat is taken away only when it breaks a rule (the judge no longer covers
 *   the category, or the team left the judging) or the panel size came down (the busiest
 *   judges' seats first), and then only while its card is untouched.
 * - Judges invited after the teams checked in can leave the load uneven (the first of them got
 *   every free seat). Only when the organizer asks (`evenOut`), automatic seats nobody has
 *   started scoring move from the busiest judges to the least busy.
 */

export interface PanelTeam {
  id: string;
  categoryId: string;
  schoolIds: readonly string[];
}

export interface PanelJudge {
  id: string;
  categoryIds: readonly string[];
  schoolIds: readonly string[];
  handPicked: boolean;
}

export interface PanelSeat {
  judgeId: string;
  teamId: string;
  source: "auto" | "manual";
  /** The judge has saved something for this team. */
  started: boolean;
  /** Order of creation: the newest seats go first when a panel shrinks. */
  order: number;
}

export interface PanelInput {
  judgesPerTeam: number;
  /** The checked-in teams. */
  teams: readonly PanelTeam[];
  judges: readonly PanelJudge[];
  seats: readonly PanelSeat[];
}

export interface PanelPlan {
  add: { judgeId: string; teamId: string }[];
  remove: { judgeId: string; teamId: string }[];
}

const conflicted = (judge: PanelJudge, team: PanelTeam) =>
  team.schoolIds.some((k) => judge.schoolIds.includes(k));

/** FNV-1a: a fixed, well-spread order between equally good choices. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Whether an automatic seat may stay: the judge still covers the team's category, at the event. */
function autoSeatValid(judge: PanelJudge | undefined, team: PanelTeam | undefined): boolean {
  return (
    judge !== undefined &&
    team !== undefined &&
    !judge.handPicked &&
    judge.categoryIds.includes(team.categoryId)
  );
}

export function planPanels(input: PanelInput, options: { evenOut?: boolean } = {}): PanelPlan {
  const teamOf = new Map(input.teams.map((t) => [t.id, t]));
  const judgeOf = new Map(input.judges.map((j) => [j.id, j]));
  const remove: PanelPlan["remove"] = [];
  const kept: PanelSeat[] = [];
  for (const seat of input.seats) {
    const judge = judgeOf.get(seat.judgeId);
    const team = teamOf.get(seat.teamId);
    const conflict = judge !== undefined && team !== undefined && conflicted(judge, team);
    const invalidAuto = seat.source === "auto" && !autoSeatValid(judge, team) && !seat.started;
    if (conflict || invalidAuto) remove.push({ judgeId: seat.judgeId, teamId: seat.teamId });
    else kept.push(seat);
  }

  // Panels too big (the size came down): drop untouched automatic seats, the busiest judge's
  // first (so the load stays even), the newest among equals.
  const seatsOf = new Map<string, PanelSeat[]>();
  const held = new Map<string, number>();
  for (const seat of kept) {
    held.set(seat.judgeId, (held.get(seat.judgeId) ?? 0) + 1);
    if (!teamOf.has(seat.teamId)) continue;
    const list = seatsOf.get(seat.teamId) ?? [];
    list.push(seat);
    seatsOf.set(seat.teamId, list);
  }
  for (const teamId of [...seatsOf.keys()].sort()) {
    let seats = seatsOf.get(teamId)!;
    while (seats.length > input.judgesPerTeam) {
      const drop = seats
        .filter((s) => s.source === "auto" && !s.started)
        .sort(
          (a, b) =>
            held.get(b.judgeId)! - held.get(a.judgeId)! ||
            b.order - a.order ||
            (a.judgeId < b.judgeId ? -1 : 1),
        )[0];
      if (!drop) break;
      remove.push({ judgeId: drop.judgeId, teamId });
      held.set(drop.judgeId, held.get(drop.judgeId)! - 1);
      seats = seats.filter((s) => s !== drop);
      seatsOf.set(teamId, seats);
    }
  }

  // Loads and each judge's schools so far, over the seats that stay.
  const load = new Map<string, number>(input.judges.map((j) => [j.id, 0]));
  const schoolsSeen = new Map<string, Map<string, number>>();
  const onPanel = new Map<string, Set<string>>();
  for (const [teamId, seats] of seatsOf) {
    const team = teamOf.get(teamId)!;
    onPanel.set(teamId, new Set(seats.map((s) => s.judgeId)));
    for (const s of seats) {
      load.set(s.judgeId, (load.get(s.judgeId) ?? 0) + 1);
      const seen = schoolsSeen.get(s.judgeId) ?? new Map<string, number>();
      for (const k of team.schoolIds) seen.set(k, (seen.get(k) ?? 0) + 1);
      schoolsSeen.set(s.judgeId, seen);
    }
  }
  // Seats of teams not at the event still count towards a judge's load.
  for (const seat of kept)
    if (!teamOf.has(seat.teamId)) load.set(seat.judgeId, (load.get(seat.judgeId) ?? 0) + 1);

  const candidates = new Map<string, PanelJudge[]>();
  for (const judge of input.judges) {
    if (judge.handPicked) continue;
    for (const categoryId of judge.categoryIds) {
      const list = candidates.get(categoryId) ?? [];
      list.push(judge);
      candidates.set(categoryId, list);
    }
  }

  // Round by round, one seat per short team, so scarce judges are shared out evenly.
  const add: PanelPlan["add"] = [];
  const teams = [...input.teams].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (let round = 0; round < input.judgesPerTeam; round++) {
    for (const team of teams) {
      const panel = onPanel.get(team.id) ?? new Set<string>();
      if (panel.size >= input.judgesPerTeam || panel.size > round) continue;
      let best: { judge: PanelJudge; load: number; same: number; tie: number } | null = null;
      for (const judge of candidates.get(team.categoryId) ?? []) {
        if (panel.has(judge.id) || conflicted(judge, team)) continue;
        const seen = schoolsSeen.get(judge.id);
        const option = {
          judge,
          load: load.get(judge.id) ?? 0,
          same: team.schoolIds.reduce((n, k) => n + (seen?.get(k) ?? 0), 0),
          tie: hash(`${judge.id}|${team.id}`),
        };
        if (
          !best ||
          option.load < best.load ||
          (option.load === best.load &&
            (option.same < best.same || (option.same === best.same && option.tie < best.tie)))
        )
          best = option;
      }
      if (!best) continue;
      const judgeId = best.judge.id;
      add.push({ judgeId, teamId: team.id });
      panel.add(judgeId);
      onPanel.set(team.id, panel);
      load.set(judgeId, best.load + 1);
      const seen = schoolsSeen.get(judgeId) ?? new Map<string, number>();
      for (const k of team.schoolIds) seen.set(k, (seen.get(k) ?? 0) + 1);
      schoolsSeen.set(judgeId, seen);
    }
  }
  // New seats may move freely; existing ones only when asked, and only if untouched.
  const movable: Movable[] = add.map((a) => ({ ...a, from: null }));
  if (options.evenOut)
    for (const seats of seatsOf.values())
      for (const s of seats)
        if (s.source === "auto" && !s.started)
          movable.push({ judgeId: s.judgeId, teamId: s.teamId, from: s.judgeId });
  rebalance(movable, load, onPanel, teamOf, candidates);
  const planned: PanelPlan["add"] = [];
  for (const seat of movable) {
    if (seat.from === null) planned.push({ judgeId: seat.judgeId, teamId: seat.teamId });
    else if (seat.from !== seat.judgeId) {
      remove.push({ judgeId: seat.from, teamId: seat.teamId });
      planned.push({ judgeId: seat.judgeId, teamId: seat.teamId });
    }
  }
  return { add: planned, remove };
}

/** A seat the balancing may move: new (from null) or existing (from its judge). */
interface Movable {
  judgeId: string;
  teamId: string;
  from: string | null;
}

/**
 * Greedy seating can leave one judge two teams ahead of another (the lighter one was already
 * on the panels that had room). Moves new seats, never existing ones, from the busiest judges
 * to the least busy who may take them, until no move evens the load further.
 */
function rebalance(
  add: Movable[],
  load: Map<string, number>,
  onPanel: Map<string, Set<string>>,
  teamOf: Map<string, PanelTeam>,
  candidates: Map<string, PanelJudge[]>,
) {
  for (let moved = true; moved; ) {
    moved = false;
    const byLoad = (a: string, b: string) => load.get(b)! - load.get(a)! || (a < b ? -1 : 1);
    const busiest = [...new Set(add.map((a) => a.judgeId))].sort(byLoad);
    search: for (const heavy of busiest) {
      for (const seat of add) {
        if (seat.judgeId !== heavy) continue;
        const team = teamOf.get(seat.teamId)!;
        const panel = onPanel.get(team.id)!;
        const lighter = (candidates.get(team.categoryId) ?? [])
          .filter(
            (j) =>
              load.get(j.id)! <= load.get(heavy)! - 2 &&
              !panel.has(j.id) &&
              !conflicted(j, team) &&
              !j.handPicked,
          )
          .sort((a, b) => load.get(a.id)! - load.get(b.id)! || (a.id < b.id ? -1 : 1));
        const light = lighter[0];
        if (!light) continue;
        seat.judgeId = light.id;
        panel.delete(heavy);
        panel.add(light.id);
        load.set(heavy, load.get(heavy)! - 1);
        load.set(light.id, load.get(light.id)! + 1);
        moved = true;
        break search;
      }
    }
  }
}
