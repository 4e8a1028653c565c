// The client's typed requests (client/lib/api.ts) read their types from GET_RESPONSES; the API
// reference must document those same schemas, or the two could disagree about a route.
import { describe, expect, it } from "vitest";
import { ROUTES } from "../../server/routes/reference/registry";
import { GET_RESPONSES } from "../../shared/schemas/responses";

const gets = ROUTES.filter((route) => route.method === "GET");

describe("GET responses", () => {
  it("name only routes the API serves", () => {
    const paths = gets.map((route) => route.path);
    for (const key of Object.keys(GET_RESPONSES)) expect(paths).toContain(`/api${key}`);
  });

  it("are the schemas the reference documents", () => {
    for (const [key, schema] of Object.entries(GET_RESPONSES)) {
      const route = gets.find((r) => r.path === `/api${key}`);
      expect(route?.response, key).toBe(schema);
    }
  });

  it("cover every JSON GET the client may ask for", () => {
    // The system routes and the whole-database download are not pages' data.
    const notForPages = ["/api/health", "/api/openapi.json", "/api/export"];
    const missing = gets
      .filter((route) => !route.mediaType && !notForPages.includes(route.path))
      .filter((route) => !(route.path.replace(/^\/api/, "") in GET_RESPONSES))
      .map((route) => route.path);
    expect(missing).toEqual([]);
  });
});
