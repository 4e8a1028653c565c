// The client's typed writes (`api.send` in client/lib/api.ts) take their bodies' types from
// MUTATION_BODIES; every write the API serves needs an entry, and the API reference must
// document those same schemas, or a page could send a shape the route refuses.
import { describe, expect, it } from "vitest";
import { ROUTES } from "../../server/routes/reference/registry";
import { MUTATION_BODIES } from "../../shared/schemas/requests";

const writes = ROUTES.filter((route) => route.method !== "GET");
const keyOf = (route: (typeof ROUTES)[number]) =>
  `${route.method} ${route.path.replace(/^\/api/, "")}`;
const table: Record<string, unknown> = MUTATION_BODIES;

describe("mutation bodies", () => {
  it("have an entry for every write the API serves", () => {
    const missing = writes.map(keyOf).filter((key) => !(key in table));
    expect(missing).toEqual([]);
  });

  it("name only writes the API serves", () => {
    const keys = writes.map(keyOf);
    const unknown = Object.keys(table).filter((key) => !keys.includes(key));
    expect(unknown).toEqual([]);
  });

  it("are the schemas the reference documents, null exactly where it documents none", () => {
    for (const route of writes) expect(route.body ?? null, keyOf(route)).toBe(table[keyOf(route)]);
  });

  it("are never given to a read", () => {
    const reads = ROUTES.filter((route) => route.method === "GET" && route.body);
    expect(reads.map(keyOf)).toEqual([]);
  });
});
