import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROUTES } from "../../server/routes/reference/registry";
import { Client } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe("API reference", () => {
  it("documents every route the app serves, and only those", () => {
    const documented = ROUTES.map((r) => `${r.method} ${r.path}`).sort();
    expect(server.app.routes()).toEqual(documented);
  });

  it("serves an OpenAPI 3.1 document with request bodies from the zod schemas", async () => {
    const res = await new Client(server.url).get<{
      openapi: string;
      paths: Record<
        string,
        Record<
          string,
          {
            requestBody?: {
              content: {
                "application/json": {
                  schema: { properties?: Record<string, unknown>; required?: string[] };
                };
              };
            };
          }
        >
      >;
    }>("/api/openapi.json");
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe("3.1.0");
    const teamBody =
      res.body.paths["/api/events/{slug}/teams"]!.post!.requestBody!.content["application/json"]
        .schema;
    expect(Object.keys(teamBody.properties ?? {})).toEqual([
      "name",
      "categoryId",
      "contact",
      "members",
    ]);
    expect(teamBody.required).toEqual(["name", "categoryId", "contact", "members"]);
    const paths = Object.entries(res.body.paths).flatMap(([p, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${p}`),
    );
    expect(paths).toHaveLength(ROUTES.length);
  });

  it("serves a readable reference page that loads nothing from elsewhere", async () => {
    const res = await fetch(`${server.url}/api/docs`);
    const html = await res.text();
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    expect(html).toContain("PUT</code></td><td><code>/api/judging/scores/{teamId}");
    expect(html).not.toMatch(/<script|(src|href)="https?:/);
    expect((await fetch(`${server.url}/api/docs.css`)).status).toBe(200);
  });
});
