/**
 * Score aggregation and ranking (docs/design.md section 3, Ranking and ties). The ranking is a
 * pure function of the scores: every sum runs in a fixed order (judges, then teams, by id), so
 * the order scores arrived in never matters, and a board kept up to date one card at a time
 * holds exactly what a board built from scratch holds (tests/unit/ranking.test.ts checks both).
 *
 * A team's standing is what its rank is made of: the mean of its judges' totals, the mean of
 * their z-scores (each judge against their own cards), the tie-break criterion's mean and, for
 * teams tied on those, how many head-to-head judge preferences it wins. The rank itself is
 * derived from the standings of its category (orderCategory), on the server and in the
 * organizer's browser alike, so a save only has to send the standings that changed.
 */

export interface RankingCriterion {
  id: string;
  weight: number;
  maxScore: number;
}

export interface RankingCategory {
  id: string;
  name: string;
  criteria: RankingCriterion[];
  tieBreakCriterionId: string | null;
  normalized: boolean;
}

export interface RankingTeam {
  id: string;
  name: string;
  categoryId: string;
}

export interface ScoreCard {
  judgeId: string;
  teamId: string;
  /** criterionId → integer score. */
  scores: Readonly<Record<string, number>>;
}

/** What a team's rank is computed from. */
export interface Standing {
  teamId: string;
  teamName: string;
  categoryId: string;
  /** Mean of the judges' totals, 0-100; null without a complete card. */
  score: number | null;
  /** Mean of the judges' z-scores, each judge against their own cards; null without a card. */
  z: number | null;
  /** Mean score on the category's tie-break criterion over complete cards; null without one. */
  tieBreak: number | null;
  judgeCount: number;
  /** Cards started but not complete: shown as in progress, not in the totals. */
  inProgress: number;
  /** Head-to-head judge preferences won against teams tied on score and tie-break. */
  wins: number;
}

/** The spread of every complete card's total: z-scores are mapped back onto it for display. */
export interface Scale {
  mean: number;
  sd: number;
}

export interface RankedTeam extends Standing {
  /** Competition ranking (1, 2, 2, 4); null until a complete card counts. */
  rank: number | null;
  /** The mean z-score mapped onto the spread of all cards, 0-100; null without a card. */
  normalizedScore: number | null;
  /** True when this team shares its place with another. */
  tied: boolean;
}

export interface RankedCategory {
  categoryId: string;
  name: string;
  normalized: boolean;
  teams: RankedTeam[];
}

const EPSILON = 1e-9;
const same = (a: number | null, b: number | null) =>
  a === null ? b === null : b !== null && Math.abs(a - b) < EPSILON;
const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const clamp = (x: number) => Math.min(100, Math.max(0, x));

/** A judge's total for a card, 0-100, or null when a criterion is unscored. */
export function cardTotal(category: RankingCategory, card: ScoreCard): number | null {
  let got = 0;
  let possible = 0;
  for (const c of category.criteria) {
    const s = card.scores[c.id];
    if (s === undefined) return null;
    got += c.weight * s;
    possible += c.weight * c.maxScore;
  }
  return possible === 0 ? null : (100 * got) / possible;
}

/** Mean and population standard deviation, summed in the order given. */
function spread(xs: readonly number[]): Scale {
  if (xs.length === 0) return { mean: 0, sd: 0 };
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / xs.length;
  if (xs.length < 2) return { mean, sd: 0 };
  let squares = 0;
  for (const x of xs) squares += (x - mean) ** 2;
  return { mean, sd: Math.sqrt(squares / xs.length) };
}

function meanOf(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  let sum = 0;
  for (const x of xs) sum += x;
  return sum / xs.length;
}

/** The normalized score shown for a mean z-score: mapped onto the spread of all cards. */
export function normalizedScore(z: number | null, scale: Scale): number | null {
  return z === null ? null : clamp(scale.mean + z * scale.sd);
}

const rankKey = (s: Standing, normalized: boolean) => (normalized ? s.z : s.score);

/** Orders two standings of one category; 0 means they share a place. */
function compareStandings(a: Standing, b: Standing, normalized: boolean): number {
  const ka = rankKey(a, normalized);
  const kb = rankKey(b, normalized);
  if (ka === null || kb === null) return ka === null ? (kb === null ? 0 : 1) : -1;
  if (!same(ka, kb)) return kb - ka;
  if (!same(a.tieBreak, b.tieBreak)) return (b.tieBreak ?? -1) - (a.tieBreak ?? -1);
  return b.wins - a.wins;
}

/**
 * Ranks one category's standings. Ties are broken by the tie-break criterion's mean, then by
 * the head-to-head wins; what still ties is a shared place. Teams with no complete card come
 * last, unranked.
 */
export function orderCategory(
  standings: readonly Standing[],
  normalized: boolean,
  scale: Scale,
): RankedTeam[] {
  const ordered = [...standings].sort(
    (a, b) =>
      compareStandings(a, b, normalized) ||
      byKey(a.teamName, b.teamName) ||
      byKey(a.teamId, b.teamId),
  );
  const ranked: RankedTeam[] = [];
  ordered.forEach((s, i) => {
    const prev = ordered[i - 1];
    const scored = rankKey(s, normalized) !== null;
    const tiedWithPrev =
      prev !== undefined && scored && compareStandings(prev, s, normalized) === 0;
    if (tiedWithPrev) ranked[i - 1]!.tied = true;
    ranked.push({
      ...s,
      rank: !scored ? null : tiedWithPrev ? ranked[i - 1]!.rank : i + 1,
      normalizedScore: normalizedScore(s.z, scale),
      tied: tiedWithPrev,
    });
  });
  return ranked;
}

interface CardFacts {
  judgeId: string;
  teamId: string;
  /** Null while a criterion is unscored. */
  total: number | null;
  tieBreak: number | null;
  started: boolean;
}

const cardKey = (judgeId: string, teamId: string) => `${judgeId}\u0000${teamId}`;
const CHANGES_KEPT = 20_000;

function sameStanding(a: Standing, b: Standing): boolean {
  return (
    a.score === b.score &&
    a.z === b.z &&
    a.tieBreak === b.tieBreak &&
    a.judgeCount === b.judgeCount &&
    a.inProgress === b.inProgress &&
    a.teamName === b.teamName &&
    a.categoryId === b.categoryId
  );
}

/** Where `value` is, or would go, in a sorted list. */
function sortedIndex(list: readonly string[], value: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The standings of every team of an event, kept up to date one card at a time. A card changes
 * its team's standing and, through its judge's mean and spread, the standings of the other
 * teams that judge scored; nothing else moves. Categories (their criteria and ranking mode)
 * are fixed for the life of a board: build a new one when they change.
 */
export class StandingsBoard {
  private readonly categories = new Map<string, RankingCategory>();
  private readonly teams = new Map<string, RankingTeam>();
  /** Every card given, counted or not (its team may not be at the event yet). */
  private readonly raw = new Map<string, ScoreCard>();
  private readonly rawByTeam = new Map<string, Set<string>>();
  /** Cards of teams at the event, by key. */
  private readonly facts = new Map<string, CardFacts>();
  /** Judges with a card for each team (started or complete). */
  private readonly judgesOf = new Map<string, Set<string>>();
  /** Teams each judge gave a complete card. */
  private readonly completeOf = new Map<string, Set<string>>();
  private readonly judgeSpread = new Map<string, Scale>();
  /** Keys of complete cards in order, for the event's scale. */
  private readonly completeKeys: string[] = [];
  /**
   * Their totals, in the same order: the scale is summed from these on every change, and
   * reading 7,500 totals through the facts map took longer than the rest of a save's ranking.
   */
  private readonly completeTotals: number[] = [];
  private scaleCache: Scale | null = null;
  private readonly standings = new Map<string, Standing>();
  /** Teams to move to their new place in their category's order, and whose ties to count again. */
  private readonly touched = new Set<string>();
  /** Each category's ranked teams (a complete card each), best first; ties sit side by side. */
  private readonly order = new Map<string, string[]>();
  /** Where each team sits in its category's order, by the values it was placed with. */
  private readonly placed = new Map<
    string,
    { categoryId: string; key: number; tieBreak: number | null }
  >();
  /** Teams whose standing changed, in order (see changedSince). */
  private readonly changes: string[] = [];
  private changesEpoch = 0;

  constructor(
    categories: readonly RankingCategory[],
    teams: readonly RankingTeam[],
    cards: readonly ScoreCard[],
  ) {
    for (const c of categories) this.categories.set(c.id, c);
    for (const t of teams) this.teams.set(t.id, t);
    for (const card of cards) this.keepRaw(card);
    for (const card of this.raw.values()) this.recordFacts(card.judgeId, card.teamId);
    for (const judgeId of this.completeOf.keys()) this.measureJudge(judgeId);
    for (const t of teams) this.measureTeam(t.id);
  }

  /** Adds or replaces a judge's card for a team. */
  setCard(card: ScoreCard): void {
    this.keepRaw(card);
    this.refresh(card.judgeId, card.teamId);
  }

  removeCard(judgeId: string, teamId: string): void {
    const key = cardKey(judgeId, teamId);
    if (!this.raw.delete(key)) return;
    this.rawByTeam.get(teamId)?.delete(key);
    this.refresh(judgeId, teamId);
  }

  /** A team arrives (checked in) or changes name or category; its cards start to count. */
  setTeam(team: RankingTeam): void {
    this.teams.set(team.id, team);
    this.touched.add(team.id);
    this.refreshTeamCards(team.id);
  }

  /** A team leaves the judging (its check-in undone): its cards stop counting. */
  removeTeam(teamId: string): void {
    const team = this.teams.get(teamId);
    if (!team) return;
    this.teams.delete(teamId);
    this.refreshTeamCards(teamId);
    this.standings.delete(teamId);
    this.noteChange(teamId);
    this.touched.add(teamId);
  }

  /** Every team's standing, wins counted. */
  all(): Standing[] {
    this.countWins();
    return [...this.standings.values()];
  }

  standing(teamId: string): Standing | undefined {
    this.countWins();
    return this.standings.get(teamId);
  }

  scale(): Scale {
    if (!this.scaleCache) {
      this.scaleCache = spread(this.completeTotals);
    }
    return this.scaleCache;
  }

  /** Each category ranked, categories by name. */
  ranked(): RankedCategory[] {
    this.countWins();
    const scale = this.scale();
    const byCategory = new Map<string, Standing[]>();
    for (const s of this.standings.values()) {
      const list = byCategory.get(s.categoryId) ?? [];
      list.push(s);
      byCategory.set(s.categoryId, list);
    }
    return [...this.categories.values()]
      .sort((a, b) => byKey(a.name, b.name) || byKey(a.id, b.id))
      .map((c) => ({
        categoryId: c.id,
        name: c.name,
        normalized: c.normalized,
        teams: orderCategory(byCategory.get(c.id) ?? [], c.normalized, scale),
      }));
  }

  private keepRaw(card: ScoreCard) {
    const key = cardKey(card.judgeId, card.teamId);
    this.raw.set(key, { judgeId: card.judgeId, teamId: card.teamId, scores: { ...card.scores } });
    const keys = this.rawByTeam.get(card.teamId) ?? new Set<string>();
    keys.add(key);
    this.rawByTeam.set(card.teamId, keys);
  }

  private refreshTeamCards(teamId: string) {
    const judges = new Set<string>();
    for (const key of this.rawByTeam.get(teamId) ?? []) judges.add(this.raw.get(key)!.judgeId);
    for (const judgeId of this.judgesOf.get(teamId) ?? []) judges.add(judgeId);
    const moved = new Set<string>([teamId]);
    for (const judgeId of judges) {
      this.recordFacts(judgeId, teamId);
      if (this.measureJudge(judgeId))
        for (const other of this.completeOf.get(judgeId) ?? []) moved.add(other);
    }
    for (const id of moved) this.measureTeam(id);
  }

  /** After one card changed: its judge, then every team whose standing that can move. */
  private refresh(judgeId: string, teamId: string) {
    if (!this.recordFacts(judgeId, teamId)) return;
    const moved = new Set<string>([teamId]);
    if (this.measureJudge(judgeId))
      for (const other of this.completeOf.get(judgeId) ?? []) moved.add(other);
    for (const id of moved) this.measureTeam(id);
  }

  /** Brings a card's facts in line with its raw scores; true when anything changed. */
  private recordFacts(judgeId: string, teamId: string): boolean {
    const key = cardKey(judgeId, teamId);
    const card = this.raw.get(key);
    const team = this.teams.get(teamId);
    const category = team && this.categories.get(team.categoryId);
    const before = this.facts.get(key);
    let after: CardFacts | undefined;
    if (card && category) {
      const total = cardTotal(category, card);
      const tb = category.tieBreakCriterionId;
      after = {
        judgeId,
        teamId,
        total,
        tieBreak: total === null || !tb ? null : (card.scores[tb] ?? null),
        started: Object.keys(card.scores).length > 0,
      };
    }
    if (
      before?.total === after?.total &&
      before?.tieBreak === after?.tieBreak &&
      before?.started === after?.started
    )
      return false;
    if (after) this.facts.set(key, after);
    else this.facts.delete(key);
    const judges = this.judgesOf.get(teamId) ?? new Set<string>();
    if (after) judges.add(judgeId);
    else judges.delete(judgeId);
    this.judgesOf.set(teamId, judges);
    const complete = this.completeOf.get(judgeId) ?? new Set<string>();
    const wasComplete = before?.total !== null && before !== undefined;
    const isComplete = after?.total !== null && after !== undefined;
    if (isComplete) complete.add(teamId);
    else complete.delete(teamId);
    this.completeOf.set(judgeId, complete);
    if (wasComplete || isComplete) {
      const at = sortedIndex(this.completeKeys, key);
      const present = this.completeKeys[at] === key;
      if (!isComplete) {
        if (present) {
          this.completeKeys.splice(at, 1);
          this.completeTotals.splice(at, 1);
        }
      } else if (present) this.completeTotals[at] = after!.total!;
      else {
        this.completeKeys.splice(at, 0, key);
        this.completeTotals.splice(at, 0, after!.total!);
      }
      this.scaleCache = null;
    }
    if (team) this.touched.add(teamId);
    return true;
  }

  /** Recomputes a judge's mean and spread; true when they changed. */
  private measureJudge(judgeId: string): boolean {
    const teams = [...(this.completeOf.get(judgeId) ?? [])].sort(byKey);
    const next = spread(teams.map((t) => this.facts.get(cardKey(judgeId, t))!.total!));
    const before = this.judgeSpread.get(judgeId);
    if (before && before.mean === next.mean && before.sd === next.sd) return false;
    if (teams.length) this.judgeSpread.set(judgeId, next);
    else this.judgeSpread.delete(judgeId);
    return true;
  }

  private measureTeam(teamId: string) {
    const team = this.teams.get(teamId);
    if (!team) return;
    const judges = [...(this.judgesOf.get(teamId) ?? [])].sort(byKey);
    const totals: number[] = [];
    const zs: number[] = [];
    const tieBreaks: number[] = [];
    let inProgress = 0;
    for (const judgeId of judges) {
      const f = this.facts.get(cardKey(judgeId, teamId))!;
      if (f.total === null) {
        if (f.started) inProgress++;
        continue;
      }
      totals.push(f.total);
      const s = this.judgeSpread.get(judgeId)!;
      zs.push(s.sd > EPSILON ? (f.total - s.mean) / s.sd : 0);
      if (f.tieBreak !== null) tieBreaks.push(f.tieBreak);
    }
    const before = this.standings.get(teamId);
    const after: Standing = {
      teamId,
      teamName: team.name,
      categoryId: team.categoryId,
      score: meanOf(totals),
      z: meanOf(zs),
      tieBreak: meanOf(tieBreaks),
      judgeCount: totals.length,
      inProgress,
      wins: before?.wins ?? 0,
    };
    // Its place and its ties move only with what it is ranked by; a save that changes only the
    // z-scores of a raw-ranked category leaves them be.
    const normalized = this.categories.get(team.categoryId)?.normalized ?? false;
    if (
      !before ||
      before.categoryId !== after.categoryId ||
      rankKey(before, normalized) !== rankKey(after, normalized) ||
      before.tieBreak !== after.tieBreak
    )
      this.touched.add(teamId);
    if (before && sameStanding(before, after)) return;
    this.standings.set(teamId, after);
    this.noteChange(teamId);
  }

  private noteChange(teamId: string) {
    this.changes.push(teamId);
    // A reader far behind reads everything again rather than the board keeping it all.
    if (this.changes.length > CHANGES_KEPT) {
      this.changes.length = 0;
      this.changesEpoch++;
    }
  }

  /**
   * The teams whose standing changed since `since` (a mark from an earlier call), and the
   * mark to pass next time; null when too much changed to list (read every standing instead).
   */
  changedSince(since: { epoch: number; at: number } | null): {
    teams: string[] | null;
    mark: { epoch: number; at: number };
  } {
    this.countWins();
    const mark = { epoch: this.changesEpoch, at: this.changes.length };
    if (!since || since.epoch !== this.changesEpoch) return { teams: null, mark };
    return { teams: [...new Set(this.changes.slice(since.at))], mark };
  }

  /**
   * Head-to-head wins among teams tied on the ranking key and the tie-break: for each judge who
   * scored both, one win to the team that judge gave the higher total. Each category keeps its
   * ranked teams in order; a team whose standing or cards changed is moved to its new place,
   * and only the tied groups it left and joined are counted again.
   */
  private countWins() {
    if (this.touched.size === 0) return;
    const regroup = new Set<string>();
    for (const teamId of this.touched) {
      const old = this.placed.get(teamId);
      if (old) {
        const list = this.order.get(old.categoryId)!;
        const at = this.indexIn(list, old.categoryId, old.key, old.tieBreak, teamId);
        if (at >= 0) {
          list.splice(at, 1);
          // Its old neighbours may have been tied with it.
          for (const i of [at - 1, at]) {
            const other = list[i];
            if (other !== undefined) regroup.add(other);
          }
        }
        this.placed.delete(teamId);
      }
      const s = this.standings.get(teamId);
      const category = s && this.categories.get(s.categoryId);
      const key = s && category ? rankKey(s, category.normalized) : null;
      if (!s || !category || key === null) {
        if (s && s.wins !== 0) this.setWins(s, 0);
        continue;
      }
      const list = this.order.get(s.categoryId) ?? [];
      this.order.set(s.categoryId, list);
      list.splice(this.insertionPoint(list, s.categoryId, key, s.tieBreak, teamId), 0, teamId);
      this.placed.set(teamId, { categoryId: s.categoryId, key, tieBreak: s.tieBreak });
      regroup.add(teamId);
    }
    this.touched.clear();
    const counted = new Set<string>();
    for (const teamId of regroup) {
      const place = this.placed.get(teamId);
      if (!place || counted.has(teamId)) continue;
      const list = this.order.get(place.categoryId)!;
      const at = this.indexIn(list, place.categoryId, place.key, place.tieBreak, teamId);
      const tied = (i: number) => {
        const other = this.placed.get(list[i]!)!;
        return same(other.key, place.key) && same(other.tieBreak, place.tieBreak);
      };
      let from = at;
      let to = at;
      while (from > 0 && tied(from - 1)) from--;
      while (to < list.length - 1 && tied(to + 1)) to++;
      const group = list.slice(from, to + 1);
      for (const id of group) counted.add(id);
      this.countGroup(group);
    }
  }

  private compareAt(
    categoryId: string,
    key: number,
    tieBreak: number | null,
    teamId: string,
    otherId: string,
  ): number {
    const other = this.placed.get(otherId);
    if (!other || other.categoryId !== categoryId) return 0;
    return other.key - key || (other.tieBreak ?? -1) - (tieBreak ?? -1) || byKey(teamId, otherId);
  }

  private insertionPoint(
    list: string[],
    categoryId: string,
    key: number,
    tieBreak: number | null,
    teamId: string,
  ): number {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.compareAt(categoryId, key, tieBreak, teamId, list[mid]!) > 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private indexIn(
    list: string[],
    categoryId: string,
    key: number,
    tieBreak: number | null,
    teamId: string,
  ): number {
    const at = this.insertionPoint(list, categoryId, key, tieBreak, teamId);
    return list[at] === teamId ? at : list.indexOf(teamId);
  }

  private setWins(s: Standing, wins: number) {
    this.standings.set(s.teamId, { ...s, wins });
    this.noteChange(s.teamId);
  }

  private countGroup(group: string[]) {
    // Each member's complete cards by judge, read once for the whole group.
    const totals = group.map((teamId) => {
      const byJudge = new Map<string, number>();
      for (const judgeId of this.judgesOf.get(teamId) ?? []) {
        const total = this.facts.get(cardKey(judgeId, teamId))?.total;
        if (total != null) byJudge.set(judgeId, total);
      }
      return byJudge;
    });
    group.forEach((teamId, i) => {
      let won = 0;
      const mine = totals[i]!;
      for (let j = 0; j < group.length; j++) {
        if (j === i) continue;
        const theirs = totals[j]!;
        for (const [judgeId, total] of mine) {
          const other = theirs.get(judgeId);
          if (other !== undefined && total > other + EPSILON) won++;
        }
      }
      const s = this.standings.get(teamId)!;
      if (s.wins !== won) this.setWins(s, won);
    });
  }
}

/** Ranks every category from scratch; categories by name. */
export function rankCategories(
  categories: readonly RankingCategory[],
  teams: readonly RankingTeam[],
  cards: readonly ScoreCard[],
): RankedCategory[] {
  return new StandingsBoard(categories, teams, cards).ranked();
}
