import { Router } from "express";
import { z } from "zod";
import { PROBLEMS } from "../../lib/problems";
import { ROUTES } from "./registry";

const ProblemSchema = {
  type: "object",
  required: ["type", "title", "status", "detail"],
  properties: {
    type: { type: "string", example: "/problems/validation" },
    title: { type: "string" },
    status: { type: "integer" },
    detail: { type: "string" },
    errors: {
      type: "array",
      items: {
        type: "object",
        properties: { path: { type: "string" }, message: { type: "string" } },
      },
    },
  },
};

/** The OpenAPI 3.1 document, with request bodies generated from the shared zod schemas. */
export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES) {
    const params = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: "path",
      required: true,
      schema: { type: "string" },
    }));
    const problems = [
      ...(route.body ? ["validation"] : []),
      ...(route.who === "anyone" || route.who === "link holder"
        ? []
        : ["unauthenticated", "forbidden"]),
      ...(route.problems ?? []),
    ];
    const responses: Record<string, unknown> = { [route.success]: { description: "Success" } };
    for (const slug of problems) {
      const problem = PROBLEMS[slug as keyof typeof PROBLEMS];
      const status = String(problem?.status ?? 400);
      const existing = responses[status] as { description: string } | undefined;
      responses[status] = {
        description: existing ? `${existing.description}; ${slug}` : slug,
        content: {
          "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } },
        },
      };
    }
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = {
      summary: route.summary,
      tags: [route.tag],
      description: `Who: ${route.who}.`,
      ...(params.length ? { parameters: params } : {}),
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: {
                "application/json": {
                  schema: z.toJSONSchema(route.body, { io: "input", unrepresentable: "any" }),
                },
              },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Hack Manchester Junior API",
      version: "1",
      description:
        "JSON over /api. Sessions are the hmj_session cookie. Errors are RFC 9457 problems.",
    },
    paths,
    components: { schemas: { Problem: ProblemSchema } },
  };
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );

/** A readable reference page, built on the server: no script, no external resource. */
function referencePage(): string {
  const tags = [...new Set(ROUTES.map((r) => r.tag))];
  const sections = tags
    .map((tag) => {
      const rows = ROUTES.filter((r) => r.tag === tag)
        .map((r) => {
          const body = r.body
            ? `<details><summary>Body</summary><pre>${escapeHtml(JSON.stringify(z.toJSONSchema(r.body, { io: "input", unrepresentable: "any" }), null, 2))}</pre></details>`
            : "";
          const problems = (r.problems ?? []).map((p) => `<code>${escapeHtml(p)}</code>`).join(" ");
          return `<tr><td><code>${r.method}</code></td><td><code>${escapeHtml(r.path)}</code>${body}</td><td>${escapeHtml(r.who)}</td><td>${escapeHtml(r.summary)}</td><td>${r.success}</td><td>${problems}</td></tr>`;
        })
        .join("");
      return `<h2>${escapeHtml(tag)}</h2><table><thead><tr><th>Method</th><th>Path</th><th>Who</th><th>What</th><th>Success</th><th>Problems</th></tr></thead><tbody>${rows}</tbody></table>`;
    })
    .join("");
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>API reference · Hack Manchester Junior</title><link rel="stylesheet" href="/api/docs.css"></head><body><main><h1>Hack Manchester Junior API</h1><p>JSON over <code>/api</code>. Sessions are the <code>hmj_session</code> cookie; errors are RFC 9457 problems (<code>application/problem+json</code>). Machine-readable: <a href="/api/openapi.json">openapi.json</a>.</p>${sections}</main></body></html>`;
}

const CSS = `body{font-family:system-ui,sans-serif;margin:0;color:#1f1d2b;background:#fff}main{max-width:72rem;margin:0 auto;padding:1.5rem}
table{border-collapse:collapse;width:100%;margin-bottom:2rem}th,td{border-bottom:1px solid #ddd;padding:.5rem;text-align:left;vertical-align:top}
code{font-size:.9em}pre{background:#f5f3ff;padding:.5rem;overflow:auto;max-height:20rem}a{color:#5b21b6}h2{color:#5b21b6}`;

export function referenceRouter(): Router {
  const router = Router();
  const document = openApiDocument();
  const page = referencePage();
  router.get("/openapi.json", (_req, res) => {
    res.json(document);
  });
  router.get("/docs", (_req, res) => {
    res.set("Cache-Control", "no-cache").type("html").send(page);
  });
  router.get("/docs.css", (_req, res) => {
    res.type("css").send(CSS);
  });
  return router;
}
