// The client's typed writes (`api.send` in client/lib/api.ts) read their types from
// MUTATION_RESPONSES; every write the API serves needs an entry, and the API reference must
// document those same schemas, or the two could disagree about what a route answers.
import { describe, expect, it } from "vitest";
import { ROUTES } from "../../server/routes/reference/registry";
import { MUTATION_RESPONSES } from "../../shared/schemas/responses";

const writes = ROUTES.filter((route) => route.method !== "GET");
const keyOf = (route: (typeof ROUTES)[number]) =>
  `${route.method} ${route.path.replace(/^\/api/, "")}`;
const table: Record<string, unknown> = MUTATION_RESPONSES;

describe("mutation responses", () => {
  it("have an entry for every write the API serves", () => {
    const missing = writes.map(keyOf).filter((key) => !(key in table));
    expect(missing).toEqual([]);
  });

  it("name only writes the API serves", () => {
    const keys = writes.map(keyOf);
    const unknown = Object.keys(table).filter((key) => !keys.includes(key));
    expect(unknown).toEqual([]);
  });

  it("are the schemas the reference documents, and null exactly for a 204", () => {
    for (const route of writes) {
      const schema = table[keyOf(route)];
      expect(route.response ?? null, keyOf(route)).toBe(schema);
      expect(schema === null, keyOf(route)).toBe(route.success === 204);
    }
  });
});
