// The client's typed writes (`api.send` in client/lib/api.ts) take their bodies' types from
// MUTATION_BODIES and their answers' from MUTATION_RESPONSES; every write the API serves needs
// an entry in each, and the API reference must document those same schemas, or a page could
// send a shape its route refuses or read one it does not send.
import { describe, expect, it } from "vitest";
import { ROUTES } from "../../server/routes/reference/registry";
import { MUTATION_BODIES } from "../../shared/schemas/requests";
import { MUTATION_RESPONSES } from "../../shared/schemas/responses";

type Route = (typeof ROUTES)[number];
const writes = ROUTES.filter((route) => route.method !== "GET");
const keyOf = (route: Route) => `${route.method} ${route.path.replace(/^\/api/, "")}`;

describe.each([
  { name: "bodies", table: MUTATION_BODIES, documented: (route: Route) => route.body },
  { name: "responses", table: MUTATION_RESPONSES, documented: (route: Route) => route.response },
])("mutation $name", ({ table, documented }) => {
  const entries: Record<string, unknown> = table;

  it("have an entry for every write the API serves", () => {
    const missing = writes.map(keyOf).filter((key) => !(key in entries));
    expect(missing).toEqual([]);
  });

  it("name only writes the API serves", () => {
    const keys = writes.map(keyOf);
    const unknown = Object.keys(entries).filter((key) => !keys.includes(key));
    expect(unknown).toEqual([]);
  });

  it("are the schemas the reference documents, null exactly where it documents none", () => {
    for (const route of writes)
      expect(documented(route) ?? null, keyOf(route)).toBe(entries[keyOf(route)]);
  });
});

describe("mutation tables", () => {
  it("answer null exactly for a 204", () => {
    for (const route of writes)
      expect(
        MUTATION_RESPONSES[keyOf(route) as keyof typeof MUTATION_RESPONSES] === null,
        keyOf(route),
      ).toBe(route.success === 204);
  });

  it("give no read a body", () => {
    const reads = ROUTES.filter((route) => route.method === "GET" && route.body);
    expect(reads.map(keyOf)).toEqual([]);
  });
});
