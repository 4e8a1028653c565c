/**
 * Score aggregation and ranking (DESIGN.md section 3, Results). A pure function of the
 * scores: inputs are sorted before use, so the order scores arrived in never matters.
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

export interface RankedTeam {
  teamId: string;
  teamName: string;
  /** Competition ranking (1, 2, 2, 4); null until a complete card counts. */
  rank: number | null;
  /** Mean of the judges' totals, 0-100; null without a complete card. */
  score: number | null;
  /** Mean of the judges' z-score-normalized totals mapped back onto 0-100. */
  normalizedScore: number | null;
  judgeCount: number;
  /** Cards started but not complete: shown as in progress, not in the totals. */
  inProgress: number;
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

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
function sd(xs: number[]): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / xs.length);
}
const clamp = (x: number) => Math.min(100, Math.max(0, x));

interface CountedCard {
  judgeId: string;
  teamId: string;
  total: number;
  normalized: number;
  tieBreak: number | null;
}

/**
 * Ranks every category. Ties are broken by the mean score on the category's tie-break
 * criterion, then by how many judges gave one team a higher total than the other (summed
 * over the tied teams); what still ties is a shared place.
 */
export function rankCategories(
  categories: readonly RankingCategory[],
  teams: readonly RankingTeam[],
  cards: readonly ScoreCard[],
): RankedCategory[] {
  const categoryOf = new Map(categories.map((c) => [c.id, c]));
  const teamOf = new Map(teams.map((t) => [t.id, t]));
  const sortedCards = [...cards].sort(
    (a, b) => byKey(a.judgeId, b.judgeId) || byKey(a.teamId, b.teamId),
  );

  // Totals of complete cards, and in-progress counts.
  const complete: Omit<CountedCard, "normalized">[] = [];
  const inProgress = new Map<string, number>();
  for (const card of sortedCards) {
    const team = teamOf.get(card.teamId);
    const category = team && categoryOf.get(team.categoryId);
    if (!category) continue;
    const total = cardTotal(category, card);
    if (total === null) {
      if (Object.keys(card.scores).length > 0)
        inProgress.set(card.teamId, (inProgress.get(card.teamId) ?? 0) + 1);
      continue;
    }
    const tb = category.tieBreakCriterionId;
    const tieBreak = tb ? (card.scores[tb] ?? null) : null;
    complete.push({ judgeId: card.judgeId, teamId: card.teamId, total, tieBreak });
  }

  // Each judge's z-scores against their own cards, mapped back onto the spread of all cards.
  const allTotals = complete.map((c) => c.total);
  const overallMean = allTotals.length ? mean(allTotals) : 0;
  const overallSd = sd(allTotals);
  const byJudge = new Map<string, number[]>();
  for (const c of complete) byJudge.set(c.judgeId, [...(byJudge.get(c.judgeId) ?? []), c.total]);
  const judgeStats = new Map(
    [...byJudge].map(([id, totals]) => [id, { mean: mean(totals), sd: sd(totals) }]),
  );
  const counted: CountedCard[] = complete.map((c) => {
    const stats = judgeStats.get(c.judgeId)!;
    const z = stats.sd > EPSILON ? (c.total - stats.mean) / stats.sd : 0;
    return { ...c, normalized: clamp(overallMean + z * overallSd) };
  });

  return [...categories]
    .sort((a, b) => byKey(a.name, b.name) || byKey(a.id, b.id))
    .map((category) => rankCategory(category, teams, counted, inProgress));
}

function rankCategory(
  category: RankingCategory,
  teams: readonly RankingTeam[],
  counted: CountedCard[],
  inProgress: Map<string, number>,
): RankedCategory {
  const members = teams.filter((t) => t.categoryId === category.id);
  const rows = members.map((team) => {
    const cards = counted.filter((c) => c.teamId === team.id);
    const tieBreaks = cards.map((c) => c.tieBreak).filter((x): x is number => x !== null);
    return {
      team,
      cards,
      score: cards.length ? mean(cards.map((c) => c.total)) : null,
      normalizedScore: cards.length ? mean(cards.map((c) => c.normalized)) : null,
      tieBreak: tieBreaks.length ? mean(tieBreaks) : null,
      wins: 0,
    };
  });
  const key = (r: (typeof rows)[number]) => (category.normalized ? r.normalizedScore : r.score);
  const same = (a: number | null, b: number | null) =>
    a === null ? b === null : b !== null && Math.abs(a - b) < EPSILON;

  // Group teams equal on the ranking score and the tie-break mean; within a group, count
  // head-to-head judge preferences against the other members of the group.
  const scored = rows.filter((r) => key(r) !== null);
  for (const r of scored) {
    const group = scored.filter(
      (o) => o !== r && same(key(o), key(r)) && same(o.tieBreak, r.tieBreak),
    );
    for (const other of group) {
      for (const card of r.cards) {
        const theirs = other.cards.find((c) => c.judgeId === card.judgeId);
        if (theirs && card.total > theirs.total + EPSILON) r.wins++;
      }
    }
  }
  const compare = (a: (typeof rows)[number], b: (typeof rows)[number]) => {
    const ka = key(a);
    const kb = key(b);
    if (ka === null || kb === null) return ka === null ? (kb === null ? 0 : 1) : -1;
    if (!same(ka, kb)) return kb - ka;
    if (!same(a.tieBreak, b.tieBreak)) return (b.tieBreak ?? -1) - (a.tieBreak ?? -1);
    return b.wins - a.wins;
  };
  const ordered = [...rows].sort(
    (a, b) => compare(a, b) || byKey(a.team.name, b.team.name) || byKey(a.team.id, b.team.id),
  );

  const ranked: RankedTeam[] = [];
  ordered.forEach((r, i) => {
    const prev = ordered[i - 1];
    const tiedWithPrev = prev !== undefined && key(r) !== null && compare(prev, r) === 0;
    const rank = key(r) === null ? null : tiedWithPrev ? ranked[i - 1]!.rank : i + 1;
    if (tiedWithPrev) ranked[i - 1]!.tied = true;
    ranked.push({
      teamId: r.team.id,
      teamName: r.team.name,
      rank,
      score: r.score,
      normalizedScore: r.normalizedScore,
      judgeCount: r.cards.length,
      inProgress: inProgress.get(r.team.id) ?? 0,
      tied: tiedWithPrev,
    });
  });
  return {
    categoryId: category.id,
    name: category.name,
    normalized: category.normalized,
    teams: ranked,
  };
}
