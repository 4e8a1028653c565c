import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type PanelInput,
  type PanelJudge,
  type PanelSeat,
  type PanelTeam,
  planPanels,
} from "../../shared/rules/panels";

/** The seats after applying a plan (new seats are automatic, untouched, newest). */
function apply(input: PanelInput, plan = planPanels(input)): PanelSeat[] {
  const gone = new Set(plan.remove.map((r) => `${r.judgeId}:${r.teamId}`));
  const next = input.seats.filter((s) => !gone.has(`${s.judgeId}:${s.teamId}`));
  const order = Math.max(0, ...input.seats.map((s) => s.order)) + 1;
  return [
    ...next,
    ...plan.add.map((a, i) => ({
      ...a,
      source: "auto" as const,
      started: false,
      order: order + i,
    })),
  ];
}

const loadsOf = (seats: PanelSeat[], judges: PanelJudge[]) =>
  judges.map((j) => seats.filter((s) => s.judgeId === j.id).length);
const panelOf = (seats: PanelSeat[], teamId: string) =>
  seats.filter((s) => s.teamId === teamId).map((s) => s.judgeId);
const conflicted = (j: PanelJudge, t: PanelTeam) =>
  t.schoolIds.some((k) => j.schoolIds.includes(k));

const judge = (id: string, over: Partial<PanelJudge> = {}): PanelJudge => ({
  id,
  categoryIds: ["cat"],
  schoolIds: [],
  handPicked: false,
  ...over,
});
const team = (
  id: string,
  schoolIds: string[] = [`school-${id}`],
  categoryId = "cat",
): PanelTeam => ({
  id,
  categoryId,
  schoolIds,
});

// A random event: two categories, schools from a small pool, judges declaring some schools.
const eventArb = fc
  .record({
    judgesPerTeam: fc.integer({ min: 1, max: 4 }),
    teams: fc.array(
      fc.record({
        category: fc.constantFrom("cat", "web"),
        schools: fc.uniqueArray(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 2 }),
      }),
      { maxLength: 20 },
    ),
    judges: fc.array(
      fc.record({
        categories: fc.uniqueArray(fc.constantFrom("cat", "web"), { minLength: 1, maxLength: 2 }),
        schools: fc.uniqueArray(fc.integer({ min: 0, max: 5 }), { maxLength: 2 }),
        handPicked: fc.boolean(),
      }),
      { maxLength: 10 },
    ),
  })
  .map(
    (e): PanelInput => ({
      judgesPerTeam: e.judgesPerTeam,
      teams: e.teams.map((t, i) => ({
        id: `t${String(i).padStart(2, "0")}`,
        categoryId: t.category,
        schoolIds: t.schools.map((s) => `s${s}`),
      })),
      judges: e.judges.map((j, i) => ({
        id: `j${String(i).padStart(2, "0")}`,
        categoryIds: j.categories,
        schoolIds: j.schools.map((s) => `s${s}`),
        handPicked: j.handPicked,
      })),
      seats: [],
    }),
  );

describe("judging panels", () => {
  it("gives each team as many judges as it can, never one with a conflict", () => {
    fc.assert(
      fc.property(eventArb, (input) => {
        const seats = apply(input);
        for (const t of input.teams) {
          const eligible = input.judges.filter(
            (j) => !j.handPicked && j.categoryIds.includes(t.categoryId) && !conflicted(j, t),
          );
          const panel = panelOf(seats, t.id);
          expect(panel.length).toBe(Math.min(input.judgesPerTeam, eligible.length));
          expect(new Set(panel).size).toBe(panel.length);
          for (const id of panel) {
            const j = input.judges.find((x) => x.id === id)!;
            expect(conflicted(j, t)).toBe(false);
            expect(j.handPicked).toBe(false);
            expect(j.categoryIds).toContain(t.categoryId);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("balances the load: with no conflicts, no judge has two more teams than another", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 1, max: 4 }),
        (judgeCount, teamCount, judgesPerTeam) => {
          const judges = Array.from({ length: judgeCount }, (_, i) => judge(`j${i}`));
          const teams = Array.from({ length: teamCount }, (_, i) => team(`t${i}`));
          const loads = loadsOf(apply({ judgesPerTeam, teams, judges, seats: [] }), judges);
          expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("moves no existing work when a team or a judge arrives late", () => {
    fc.assert(
      fc.property(eventArb, fc.boolean(), (input, newTeam) => {
        const seats = apply(input);
        const later: PanelInput = newTeam
          ? { ...input, seats, teams: [...input.teams, team("t99", ["s1"])] }
          : {
              ...input,
              seats,
              judges: [...input.judges, judge("j99", { categoryIds: ["cat", "web"] })],
            };
        const plan = planPanels(later);
        expect(plan.remove).toEqual([]);
        for (const a of plan.add) {
          if (newTeam) expect(a.teamId).toBe("t99");
          // A new judge only fills seats nobody could fill before.
          else expect(panelOf(seats, a.teamId).length).toBeLessThan(input.judgesPerTeam);
        }
        // And planning again after that changes nothing.
        expect(planPanels({ ...later, seats: apply(later, plan) })).toEqual({
          add: [],
          remove: [],
        });
      }),
      { numRuns: 300 },
    );
  });

  it("does not depend on the order teams and judges are listed in", () => {
    fc.assert(
      fc.property(eventArb, (input) => {
        const reversed = {
          ...input,
          teams: [...input.teams].reverse(),
          judges: [...input.judges].reverse(),
        };
        const key = (p: ReturnType<typeof planPanels>) =>
          p.add.map((a) => `${a.judgeId}:${a.teamId}`).sort();
        expect(key(planPanels(reversed))).toEqual(key(planPanels(input)));
      }),
      { numRuns: 200 },
    );
  });

  it("spreads one school's teams over several judges", () => {
    const judges = ["a", "b", "c", "d"].map((id) => judge(id));
    // Eight teams, four from each of two schools, one judge each.
    const teams = Array.from({ length: 8 }, (_, i) => team(`t${i}`, [i % 2 ? "north" : "south"]));
    const seats = apply({ judgesPerTeam: 1, teams, judges, seats: [] });
    for (const j of judges) {
      const mine = seats
        .filter((s) => s.judgeId === j.id)
        .map((s) => teams.find((t) => t.id === s.teamId)!);
      expect(mine.filter((t) => t.schoolIds[0] === "north")).toHaveLength(1);
      expect(mine.filter((t) => t.schoolIds[0] === "south")).toHaveLength(1);
    }
  });

  it("leaves hand-picked judges alone and counts their seats in the panel", () => {
    const judges = [judge("auto1"), judge("auto2"), judge("picked", { handPicked: true })];
    const teams = [team("t1"), team("t2")];
    const seats: PanelSeat[] = [
      { judgeId: "picked", teamId: "t1", source: "manual", started: false, order: 1 },
    ];
    const after = apply({ judgesPerTeam: 2, teams, judges, seats });
    expect(panelOf(after, "t1")).toHaveLength(2);
    expect(panelOf(after, "t1")).toContain("picked");
    expect(panelOf(after, "t2").sort()).toEqual(["auto1", "auto2"]);
  });

  it("takes a seat away for a declared school, even a hand-picked or started one", () => {
    const judges = [judge("a", { schoolIds: ["north"] }), judge("b")];
    const teams = [team("t1", ["north"])];
    const plan = planPanels({
      judgesPerTeam: 2,
      teams,
      judges,
      seats: [{ judgeId: "a", teamId: "t1", source: "manual", started: true, order: 1 }],
    });
    expect(plan.remove).toEqual([{ judgeId: "a", teamId: "t1" }]);
    expect(plan.add).toEqual([{ judgeId: "b", teamId: "t1" }]);
  });

  it("when the panel size comes down, drops the newest untouched automatic seats only", () => {
    const judges = ["a", "b", "c", "d"].map((id) => judge(id));
    const seats: PanelSeat[] = [
      { judgeId: "a", teamId: "t1", source: "auto", started: false, order: 1 },
      { judgeId: "b", teamId: "t1", source: "auto", started: true, order: 4 },
      { judgeId: "c", teamId: "t1", source: "manual", started: false, order: 5 },
      { judgeId: "d", teamId: "t1", source: "auto", started: false, order: 3 },
    ];
    const plan = planPanels({ judgesPerTeam: 2, teams: [team("t1")], judges, seats });
    expect(plan.remove).toEqual([
      { judgeId: "d", teamId: "t1" },
      { judgeId: "a", teamId: "t1" },
    ]);
    expect(plan.add).toEqual([]);
  });

  it("takes a place from the busiest judge when panels shrink, so the load stays even", () => {
    const judges = [judge("a"), judge("b")];
    const seats: PanelSeat[] = [
      { judgeId: "a", teamId: "t1", source: "auto", started: false, order: 1 },
      { judgeId: "a", teamId: "t2", source: "auto", started: false, order: 2 },
      { judgeId: "b", teamId: "t1", source: "auto", started: false, order: 3 },
    ];
    const plan = planPanels({ judgesPerTeam: 1, teams: [team("t1"), team("t2")], judges, seats });
    expect(plan).toEqual({ add: [], remove: [{ judgeId: "a", teamId: "t1" }] });
  });

  it("keeps a started seat when its judge stops covering the category, and drops an untouched one", () => {
    const judges = [judge("a", { categoryIds: ["web"] }), judge("b", { categoryIds: ["web"] })];
    const plan = planPanels({
      judgesPerTeam: 1,
      teams: [team("t1"), team("t2")],
      judges,
      seats: [
        { judgeId: "a", teamId: "t1", source: "auto", started: true, order: 1 },
        { judgeId: "b", teamId: "t2", source: "auto", started: false, order: 2 },
      ],
    });
    expect(plan.remove).toEqual([{ judgeId: "b", teamId: "t2" }]);
    expect(plan.add).toEqual([]);
  });

  it("evens out the load on request, moving only untouched automatic seats", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 8 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.boolean(), { minLength: 60, maxLength: 60 }),
        (judgeCount, teamCount, judgesPerTeam, started) => {
          const judges = Array.from({ length: judgeCount }, (_, i) => judge(`j${i}`));
          const teams = Array.from({ length: teamCount }, (_, i) => team(`t${i}`));
          // Judges invited one by one after every team checked in: the first take the most.
          let seats: PanelSeat[] = [];
          for (let i = 1; i <= judgeCount; i++)
            seats = apply({ judgesPerTeam, teams, judges: judges.slice(0, i), seats });
          seats = seats.map((s, i) => ({ ...s, started: started[i % started.length]! }));
          const plan = planPanels({ judgesPerTeam, teams, judges, seats }, { evenOut: true });
          const startedKeys = new Set(
            seats.filter((s) => s.started).map((s) => `${s.judgeId}:${s.teamId}`),
          );
          for (const r of plan.remove)
            expect(startedKeys.has(`${r.judgeId}:${r.teamId}`)).toBe(false);
          const after = apply({ judgesPerTeam, teams, judges, seats }, plan);
          for (const t of teams)
            expect(panelOf(after, t.id)).toHaveLength(Math.min(judgesPerTeam, judgeCount));
          // Nothing started: the load ends even.
          if (!seats.some((s) => s.started)) {
            const l = loadsOf(after, judges);
            expect(Math.max(...l) - Math.min(...l)).toBeLessThanOrEqual(1);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it("leaves the load as it is unless asked", () => {
    const judges = ["a", "b", "c"].map((id) => judge(id));
    const teams = Array.from({ length: 6 }, (_, i) => team(`t${i}`));
    let seats: PanelSeat[] = [];
    for (let i = 1; i <= 3; i++)
      seats = apply({ judgesPerTeam: 1, teams, judges: judges.slice(0, i), seats });
    expect(loadsOf(seats, judges)).toEqual([6, 0, 0]);
    expect(planPanels({ judgesPerTeam: 1, teams, judges, seats })).toEqual({ add: [], remove: [] });
    const even = apply(
      { judgesPerTeam: 1, teams, judges, seats },
      planPanels({ judgesPerTeam: 1, teams, judges, seats }, { evenOut: true }),
    );
    expect(loadsOf(even, judges)).toEqual([2, 2, 2]);
  });
});
