import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  cardTotal,
  type RankingCategory,
  rankCategories,
  type ScoreCard,
} from "../../shared/rules/ranking";

const category: RankingCategory = {
  id: "cat",
  name: "Best Game",
  criteria: [
    { id: "fun", weight: 3, maxScore: 10 },
    { id: "tech", weight: 2, maxScore: 10 },
    { id: "pres", weight: 1, maxScore: 5 },
  ],
  tieBreakCriterionId: "tech",
  normalized: false,
};
const teams = ["A", "B", "C", "D"].map((n) => ({
  id: `team-${n}`,
  name: `Team ${n}`,
  categoryId: "cat",
}));
const card = (
  judgeId: string,
  team: string,
  fun: number,
  tech: number,
  pres: number,
): ScoreCard => ({
  judgeId,
  teamId: `team-${team}`,
  scores: { fun, tech, pres },
});
const rank = (cards: ScoreCard[], cat: RankingCategory = category) =>
  rankCategories([cat], teams, cards)[0]!.teams;
const byTeam = (rows: ReturnType<typeof rank>) =>
  Object.fromEntries(rows.map((r) => [r.teamName, r]));

describe("cardTotal", () => {
  it("is 100 × Σ(weight × score) / Σ(weight × max)", () => {
    expect(cardTotal(category, card("j", "A", 10, 10, 5))).toBe(100);
    expect(cardTotal(category, card("j", "A", 5, 5, 0))).toBeCloseTo((100 * 25) / 55);
  });
  it("is null for an incomplete card", () => {
    expect(cardTotal(category, { judgeId: "j", teamId: "t", scores: { fun: 3 } })).toBeNull();
  });
});

describe("rankCategories", () => {
  it("ranks by the mean of the judges' totals; incomplete cards show as in progress only", () => {
    const rows = byTeam(
      rank([
        card("j1", "A", 10, 10, 5),
        card("j2", "A", 0, 0, 0),
        card("j1", "B", 6, 6, 3),
        { judgeId: "j2", teamId: "team-B", scores: { fun: 10 } },
      ]),
    );
    expect(rows["Team A"]).toMatchObject({ score: 50, judgeCount: 2, rank: 2 });
    expect(rows["Team B"]).toMatchObject({ judgeCount: 1, inProgress: 1, rank: 1 });
    expect(rows["Team B"]!.score).toBeCloseTo(60);
    expect(rows["Team C"]).toMatchObject({ score: null, rank: null });
  });

  it("breaks a tie with the tie-break criterion", () => {
    // Same totals: A has more on tech, B more on fun.
    const rows = byTeam(rank([card("j1", "A", 4, 10, 1), card("j1", "B", 8, 4, 1)]));
    expect(cardTotal(category, card("j1", "A", 4, 10, 1))).toBeCloseTo(
      cardTotal(category, card("j1", "B", 8, 4, 1))!,
    );
    expect(rows["Team A"]!.rank).toBe(1);
    expect(rows["Team B"]!.rank).toBe(2);
  });

  it("then by the count of judges who gave the higher total", () => {
    // Means and tech means equal; two judges prefer A, one prefers B.
    const cards = [
      card("j1", "A", 6, 5, 3),
      card("j1", "B", 5, 5, 3),
      card("j2", "A", 6, 5, 3),
      card("j2", "B", 5, 5, 3),
      card("j3", "A", 4, 5, 3),
      card("j3", "B", 6, 5, 3),
    ];
    const rows = byTeam(rank(cards));
    expect(rows["Team A"]!.score).toBeCloseTo(rows["Team B"]!.score!);
    expect(rows["Team A"]!.rank).toBe(1);
    expect(rows["Team B"]!.rank).toBe(2);
  });

  it("shares a place when everything ties, and skips the next rank", () => {
    const rows = rank([
      card("j1", "A", 5, 5, 3),
      card("j1", "B", 5, 5, 3),
      card("j1", "C", 1, 1, 1),
    ]);
    expect(rows.map((r) => [r.teamName, r.rank, r.tied])).toEqual([
      ["Team A", 1, true],
      ["Team B", 1, true],
      ["Team C", 3, false],
      ["Team D", null, false],
    ]);
  });

  it("normalizes each judge against their own cards", () => {
    // j1 is harsh, j2 lenient; each ranks A above B.
    const cards = [
      card("j1", "A", 4, 4, 2),
      card("j1", "B", 2, 2, 1),
      card("j2", "A", 10, 10, 5),
      card("j2", "B", 8, 8, 4),
    ];
    const rows = byTeam(rank(cards, { ...category, normalized: true }));
    expect(rows["Team A"]!.normalizedScore!).toBeGreaterThan(rows["Team B"]!.normalizedScore!);
    expect(rows["Team A"]!.rank).toBe(1);
    for (const r of Object.values(rows)) {
      if (r.normalizedScore !== null) {
        expect(r.normalizedScore).toBeGreaterThanOrEqual(0);
        expect(r.normalizedScore).toBeLessThanOrEqual(100);
      }
    }
  });

  it("ranks by normalized scores when the category says so", () => {
    // j2 scores only B, leniently; j1 scores A and C. Raw favours B; normalized puts B at the mean.
    const cards = [card("j1", "A", 8, 8, 4), card("j1", "C", 2, 2, 1), card("j2", "B", 10, 10, 5)];
    expect(byTeam(rank(cards))["Team B"]!.rank).toBe(1);
    expect(byTeam(rank(cards, { ...category, normalized: true }))["Team A"]!.rank).toBe(1);
  });
});

describe("rankCategories properties", () => {
  const scoreCards = fc.array(
    fc.record({
      judge: fc.constantFrom("j1", "j2", "j3", "j4"),
      team: fc.constantFrom("A", "B", "C", "D"),
      fun: fc.integer({ min: 0, max: 10 }),
      tech: fc.integer({ min: 0, max: 10 }),
      pres: fc.integer({ min: 0, max: 5 }),
    }),
    { maxLength: 16 },
  );
  // One card per judge and team, as the database guarantees.
  const unique = (
    xs: { judge: string; team: string; fun: number; tech: number; pres: number }[],
  ) => {
    const seen = new Map<string, ScoreCard>();
    for (const x of xs)
      seen.set(`${x.judge}:${x.team}`, card(x.judge, x.team, x.fun, x.tech, x.pres));
    return [...seen.values()];
  };
  const summary = (cards: ScoreCard[], normalized: boolean) =>
    rank(cards, { ...category, normalized }).map((r) => [
      r.teamName,
      r.rank,
      r.score?.toFixed(9),
      r.normalizedScore?.toFixed(9),
    ]);

  it("does not depend on the order the scores arrived in", () => {
    fc.assert(
      fc.property(scoreCards, fc.boolean(), fc.integer(), (xs, normalized, seed) => {
        const cards = unique(xs);
        const shuffled = [...cards].sort(
          (a, b) =>
            ((a.judgeId + a.teamId + seed).length % 3) - ((b.judgeId + b.teamId).length % 3) ||
            (seed % 2 ? 1 : -1),
        );
        expect(summary(shuffled, normalized)).toEqual(summary(cards, normalized));
        expect(summary([...cards].reverse(), normalized)).toEqual(summary(cards, normalized));
      }),
      { numRuns: 300 },
    );
  });

  it("does not depend on the judges' names", () => {
    fc.assert(
      fc.property(scoreCards, fc.boolean(), (xs, normalized) => {
        const cards = unique(xs);
        const renamed = cards.map((c) => ({
          ...c,
          judgeId: `zz-${c.judgeId.split("").reverse().join("")}`,
        }));
        const ranks = (cs: ScoreCard[]) =>
          rank(cs, { ...category, normalized }).map((r) => [
            r.teamName,
            r.rank,
            r.score?.toFixed(6),
          ]);
        expect(ranks(renamed)).toEqual(ranks(cards));
      }),
      { numRuns: 300 },
    );
  });

  it("gives a better rank to a strictly higher score, and equal ranks only to ties", () => {
    fc.assert(
      fc.property(scoreCards, (xs) => {
        const rows = rank(unique(xs)).filter((r) => r.score !== null);
        for (const a of rows) {
          for (const b of rows) {
            if (a.score! > b.score! + 1e-9) expect(a.rank!).toBeLessThan(b.rank!);
            if (a.rank === b.rank) expect(a.score!).toBeCloseTo(b.score!, 9);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
