import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  cardTotal,
  type RankingCategory,
  rankCategories,
  type ScoreCard,
  StandingsBoard,
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

/**
 * An independent, deliberately plain implementation of the rules (docs/design.md section 3,
 * Ranking and ties): whatever the board does to stay incremental, its ranks and scores must
 * match this.
 */
function referenceRanks(
  categories: RankingCategory[],
  teamList: { id: string; name: string; categoryId: string }[],
  cards: ScoreCard[],
) {
  const categoryOf = new Map(categories.map((c) => [c.id, c]));
  const teamOf = new Map(teamList.map((t) => [t.id, t]));
  const complete = cards
    .map((c) => {
      const team = teamOf.get(c.teamId);
      const cat = team && categoryOf.get(team.categoryId);
      return cat ? { ...c, total: cardTotal(cat, c), cat } : null;
    })
    .filter((c): c is NonNullable<typeof c> => c !== null && c.total !== null);
  const judgeStats = new Map<string, { mean: number; sd: number }>();
  for (const judgeId of new Set(complete.map((c) => c.judgeId))) {
    const totals = complete.filter((c) => c.judgeId === judgeId).map((c) => c.total!);
    const mean = totals.reduce((s, x) => s + x, 0) / totals.length;
    const sd =
      totals.length < 2
        ? 0
        : Math.sqrt(totals.reduce((s, x) => s + (x - mean) ** 2, 0) / totals.length);
    judgeStats.set(judgeId, { mean, sd });
  }
  return categories.map((cat) => {
    const rows = teamList
      .filter((t) => t.categoryId === cat.id)
      .map((t) => {
        const mine = complete.filter((c) => c.teamId === t.id);
        const zs = mine.map((c) => {
          const s = judgeStats.get(c.judgeId)!;
          return s.sd > 1e-9 ? (c.total! - s.mean) / s.sd : 0;
        });
        const avg = (xs: number[]) =>
          xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null;
        return { t, score: avg(mine.map((c) => c.total!)), z: avg(zs) };
      });
    const key = (r: (typeof rows)[number]) => (cat.normalized ? r.z : r.score);
    const tb = (r: (typeof rows)[number]) => {
      const values = complete
        .filter((c) => c.teamId === r.t.id && cat.tieBreakCriterionId)
        .map((c) => c.scores[cat.tieBreakCriterionId!])
        .filter((v): v is number => v !== undefined);
      return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
    };
    const close = (a: number | null, b: number | null) =>
      a === null ? b === null : b !== null && Math.abs(a - b) < 1e-9;
    // Head-to-head wins against every team tied on the key and the tie-break, pair by pair.
    const wins = (r: (typeof rows)[number]) => {
      if (key(r) === null) return 0;
      let won = 0;
      for (const o of rows) {
        if (o === r || !close(key(o), key(r)) || !close(tb(o), tb(r))) continue;
        for (const c of complete.filter((x) => x.teamId === r.t.id)) {
          const theirs = complete.find((x) => x.teamId === o.t.id && x.judgeId === c.judgeId);
          if (theirs && c.total! > theirs.total! + 1e-9) won++;
        }
      }
      return won;
    };
    // Without ties, a team's rank is one more than the number of teams with a higher key.
    return rows.map((r) => ({
      teamId: r.t.id,
      score: r.score,
      wins: wins(r),
      higher:
        key(r) === null
          ? null
          : rows.filter((o) => key(o) !== null && key(o)! > key(r)! + 1e-9).length,
    }));
  });
}

describe("the standings board", () => {
  const categories: RankingCategory[] = [
    { ...category, id: "cat", name: "Best Game" },
    { ...category, id: "web", name: "Best Website", tieBreakCriterionId: null, normalized: true },
  ];
  const judgeIds = ["j1", "j2", "j3", "j4", "j5"];
  const teamIds = ["A", "B", "C", "D", "E", "F"];
  const op = fc.oneof(
    fc.record({
      kind: fc.constant("save" as const),
      judge: fc.constantFrom(...judgeIds),
      team: fc.constantFrom(...teamIds),
      fun: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
      tech: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
      pres: fc.integer({ min: 0, max: 5 }),
    }),
    fc.record({
      kind: fc.constant("remove-card" as const),
      judge: fc.constantFrom(...judgeIds),
      team: fc.constantFrom(...teamIds),
    }),
    fc.record({
      kind: fc.constant("check-in" as const),
      team: fc.constantFrom(...teamIds),
      category: fc.constantFrom("cat", "web"),
      name: fc.constantFrom("Alpha", "Beta", "Gamma"),
    }),
    fc.record({ kind: fc.constant("undo-check-in" as const), team: fc.constantFrom(...teamIds) }),
  );

  it("holds after any sequence of saves, edits, new judges and check-ins what a fresh board holds", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const teams = new Map<string, { id: string; name: string; categoryId: string }>();
        const cards = new Map<string, ScoreCard>();
        const board = new StandingsBoard(categories, [], []);
        // Half way through, note what the board holds and where its change list stands.
        let seen = new Map<string, string>();
        let mark = board.changedSince(null).mark;
        for (const [i, o] of ops.entries()) {
          if (i === Math.floor(ops.length / 2)) {
            seen = new Map(board.all().map((x) => [x.teamId, JSON.stringify(x)]));
            mark = board.changedSince(null).mark;
          }
          const teamId = `team-${o.team}`;
          if (o.kind === "save") {
            const scores: Record<string, number> = { pres: o.pres };
            if (o.fun !== undefined) scores.fun = o.fun;
            if (o.tech !== undefined) scores.tech = o.tech;
            const c = { judgeId: o.judge, teamId, scores };
            cards.set(`${o.judge}:${teamId}`, c);
            board.setCard(c);
          } else if (o.kind === "remove-card") {
            cards.delete(`${o.judge}:${teamId}`);
            board.removeCard(o.judge, teamId);
          } else if (o.kind === "check-in") {
            const t = { id: teamId, name: `${o.name} ${o.team}`, categoryId: o.category };
            teams.set(teamId, t);
            board.setTeam(t);
          } else {
            teams.delete(teamId);
            board.removeTeam(teamId);
          }
          // Read after every write, as the organizers' feed does after every save.
          if (o.kind === "save") board.all();
        }
        const fresh = new StandingsBoard(categories, [...teams.values()], [...cards.values()]);
        // What the board says changed covers every standing that did.
        const moved = board.changedSince(mark).teams;
        const now = new Map(board.all().map((x) => [x.teamId, JSON.stringify(x)]));
        const differ = [...new Set([...now.keys(), ...seen.keys()])].filter(
          (id) => now.get(id) !== seen.get(id),
        );
        for (const id of differ) expect(moved).toContain(id);
        const sorted = (b: StandingsBoard) =>
          b.all().sort((x, y) => (x.teamId < y.teamId ? -1 : 1));
        expect(sorted(board)).toEqual(sorted(fresh));
        expect(board.scale()).toEqual(fresh.scale());
        expect(board.ranked()).toEqual(fresh.ranked());
        // And both agree with the plain reference on every score and every untied rank.
        const reference = referenceRanks(categories, [...teams.values()], [...cards.values()]);
        for (const [i, ranked] of board.ranked().entries()) {
          for (const row of ranked.teams) {
            const ref = reference[categories.findIndex((c) => c.id === ranked.categoryId)]!.find(
              (r) => r.teamId === row.teamId,
            )!;
            if (ref.score === null) expect(row.score).toBeNull();
            else expect(row.score).toBeCloseTo(ref.score, 9);
            expect(row.wins).toBe(ref.wins);
            if (ref.higher === null) expect(row.rank).toBeNull();
            else if (!row.tied) expect(row.rank).toBeGreaterThanOrEqual(ref.higher + 1);
            expect(i).toBeGreaterThanOrEqual(0);
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it("counts a tie again when a team leaves it, even through another judge's card", () => {
    const teamList = ["A", "B"].map((n) => ({
      id: `team-${n}`,
      name: `Team ${n}`,
      categoryId: "cat",
    }));
    // A and B tie (totals 31 + 25 and 28 + 28 of 55) with the same tie-break; j1 scored
    // both and preferred A.
    const board = new StandingsBoard([category], teamList, [
      card("j1", "A", 6, 5, 3),
      card("j2", "A", 4, 5, 3),
      card("j1", "B", 5, 5, 3),
      card("j3", "B", 5, 5, 3),
    ]);
    const [a, b] = [board.standing("team-A")!, board.standing("team-B")!];
    expect(a.score).toBeCloseTo(b.score!, 9);
    expect([a.wins, b.wins]).toEqual([1, 0]);
    // j3, who never scored A, lifts B out of the tie: A has nobody left to beat.
    board.setCard(card("j3", "B", 6, 5, 3));
    expect(board.standing("team-B")!.score).toBeGreaterThan(a.score!);
    expect(board.standing("team-A")!.wins).toBe(0);
  });

  it("moves only the saved team and the other teams of its judge", () => {
    const teamList = teamIds.map((n) => ({
      id: `team-${n}`,
      name: `Team ${n}`,
      categoryId: "cat",
    }));
    const board = new StandingsBoard([category], teamList, [
      card("j1", "A", 5, 5, 3),
      card("j1", "B", 6, 5, 3),
      card("j2", "C", 7, 5, 3),
      card("j2", "D", 2, 5, 3),
    ]);
    const before = new Map(board.all().map((s) => [s.teamId, s]));
    board.setCard(card("j1", "A", 9, 9, 5));
    const moved = board
      .all()
      .filter((s) => JSON.stringify(s) !== JSON.stringify(before.get(s.teamId)))
      .map((s) => s.teamId)
      .sort();
    expect(moved).toEqual(["team-A", "team-B"]);
  });
});
