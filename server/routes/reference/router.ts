import { Router } from "express";
import { z } from "zod";
import * as R from "../../../shared/schemas/responses";
import type { AppContext } from "../../context";
import { PROBLEMS, type ProblemSlug } from "../../lib/problems";
import { baseUrl, SESSION_COOKIE } from "../middleware";
import { isPublic, problemsOf, ROUTES, type RouteDoc } from "./registry";

const ProblemSchema = {
  type: "object",
  description: "An RFC 9457 problem. `type` names the problem; `errors` lists the fields to fix.",
  required: ["type", "title", "status", "detail"],
  properties: {
    type: { type: "string", examples: ["/problems/validation"] },
    title: { type: "string" },
    status: { type: "integer" },
    detail: { type: "string", description: "What happened and what to do, in plain words." },
    errors: {
      type: "array",
      items: {
        type: "object",
        required: ["path", "message"],
        properties: {
          path: { type: "string", description: "The dotted field path, or `body`." },
          message: { type: "string" },
        },
      },
    },
  },
};

type Json = Record<string, unknown>;

/** Formats that say everything a generated pattern would, far more readably. */
const SELF_DESCRIBING_FORMATS = new Set(["uuid", "date-time", "date", "email", "uri"]);

/** Drops what JSON Schema generation adds that an OpenAPI component does not need. */
function tidy(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(tidy);
  if (!node || typeof node !== "object") return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "$schema" || key === "$id") continue;
    if (key === "pattern" && SELF_DESCRIBING_FORMATS.has(String((node as Json).format))) continue;
    out[key] = tidy(value);
  }
  return out;
}

const capitalized = (id: string) => id[0]!.toUpperCase() + id.slice(1);

/**
 * The named response schemas: shared/schemas/responses.ts by their names, and each route's
 * own answer as <OperationId>Response. Returns the components and a $ref for each route.
 */
function responseSchemas(): { schemas: Record<string, unknown>; refs: Map<RouteDoc, string> } {
  const registry = z.registry<{ id: string }>();
  for (const [name, schema] of Object.entries(R)) {
    if (name.endsWith("Schema") && schema instanceof z.ZodType)
      registry.add(schema, { id: name.slice(0, -"Schema".length) });
  }
  const refs = new Map<RouteDoc, string>();
  for (const route of ROUTES) {
    if (!route.response) continue;
    if (!registry.has(route.response))
      registry.add(route.response, { id: `${capitalized(route.id)}Response` });
    refs.set(route, `#/components/schemas/${registry.get(route.response)!.id}`);
  }
  const { schemas } = z.toJSONSchema(registry, {
    io: "output",
    uri: (id) => `#/components/schemas/${id}`,
  });
  return { schemas: tidy(schemas) as Record<string, unknown>, refs };
}

function problemResponses(route: RouteDoc): Json {
  const byStatus = new Map<number, ProblemSlug[]>();
  for (const slug of problemsOf(route)) {
    const { status } = PROBLEMS[slug];
    byStatus.set(status, [...(byStatus.get(status) ?? []), slug]);
  }
  const responses: Json = {};
  for (const [status, slugs] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[String(status)] = {
      description: slugs.map((slug) => `\`${slug}\`: ${PROBLEMS[slug].title}`).join("; "),
      content: {
        "application/problem+json": {
          schema: {
            allOf: [
              { $ref: "#/components/schemas/Problem" },
              {
                type: "object",
                properties: { type: { enum: slugs.map((slug) => `/problems/${slug}`) } },
              },
            ],
          },
        },
      },
    };
  }
  return responses;
}

function successResponse(route: RouteDoc, ref: string | undefined): Json {
  const description = route.success === 201 ? "Created" : route.success === 204 ? "Done" : "OK";
  if (route.mediaType)
    return { description, content: { [route.mediaType]: { schema: { type: "string" } } } };
  if (!ref) return { description };
  return { description, content: { "application/json": { schema: { $ref: ref } } } };
}

const TAGS: Record<string, string> = {
  System: "Health and this reference.",
  Sessions: "Signing in and out, the first-run set-up link, and lost passwords.",
  Backup: "The whole database as one document, and the retention purge.",
  Events: "Events, their categories with judging criteria, and prizes.",
  Judges: "Inviting judges.",
  Clock: "The server-owned countdown and announcements.",
  Teams: "Sign-up, members, guardians' consent and check-in.",
  Schools:
    "The event's schools: one display name each, spellings merged, for sign-up and organizers.",
  Submissions: "Projects, with every saved version.",
  Judging: "Scores, the leaderboard and judging progress.",
  Ceremony: "Revealing the awards, results and certificates.",
  Stage: "Presentations: the running order and the stage timer.",
  Feedback: "Judges' comments for the teams.",
  Settings: "Where links and QR codes point.",
};

/**
 * The OpenAPI 3.1 document: request and response bodies generated from the shared zod
 * schemas, each operation's security and every problem it may answer with.
 */
export function openApiDocument(): Json {
  const { schemas, refs } = responseSchemas();
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES) {
    const params = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: "path",
      required: true,
      schema: { type: "string" },
    }));
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = {
      operationId: route.id,
      summary: route.summary,
      tags: [route.tag],
      description: `Who: ${route.who}.`,
      security: isPublic(route) ? [] : [{ session: [] }],
      ...(params.length ? { parameters: params } : {}),
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: {
                "application/json": {
                  schema: tidy(z.toJSONSchema(route.body, { io: "input", unrepresentable: "any" })),
                },
              },
            },
          }
        : {}),
      responses: {
        [route.success]: successResponse(route, refs.get(route)),
        ...problemResponses(route),
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Hack Manchester Junior API",
      version: "1",
      description:
        "JSON over /api. Sessions are the hmj_session cookie. Errors are RFC 9457 problems (application/problem+json).",
    },
    tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
    security: [{ session: [] }],
    paths,
    components: {
      securitySchemes: {
        session: {
          type: "apiKey",
          in: "cookie",
          name: SESSION_COOKIE,
          description:
            "Set by signing in (POST /api/session), accepting a judge's invite or the first-run set-up. HttpOnly, SameSite=Lax.",
        },
      },
      schemas: { Problem: ProblemSchema, ...schemas },
    },
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
          const problems = problemsOf(r)
            .map((p) => `${PROBLEMS[p].status}&nbsp;<code>${escapeHtml(p)}</code>`)
            .join(", ");
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

export function referenceRouter(ctx: AppContext): Router {
  const router = Router();
  const document = openApiDocument();
  const page = referencePage();
  router.get("/openapi.json", (req, res) => {
    // The server is whichever address this document was fetched from (or PUBLIC_URL).
    res.json({ ...document, servers: [{ url: baseUrl(req, ctx), description: "This server" }] });
  });
  router.get("/docs", (_req, res) => {
    res.set("Cache-Control", "no-cache").type("html").send(page);
  });
  router.get("/docs.css", (_req, res) => {
    res.type("css").send(CSS);
  });
  return router;
}
