import { existsSync } from "node:fs";
import { createServer, type Server as HttpServer } from "node:http";
import { availableParallelism } from "node:os";
import path from "node:path";
import compression from "compression";
import express, { type Express } from "express";
import helmet from "helmet";
import { LIMITS } from "../shared/limits";
import { isPagePath } from "../shared/paths";
import { rateLimitsFromEnv } from "./config";
import type { AppContext, AppDeps } from "./context";
import { type Addresses, serverAddresses } from "./lib/addresses";
import { Links } from "./lib/links";
import { loggablePath } from "./lib/logger";
import { boundedHasher } from "./lib/passwords";
import { AppError } from "./lib/problems";
import { createRealtime, type Realtime } from "./realtime";
import { announcementsRouter } from "./routes/announcements/router";
import { backupRouter } from "./routes/backup/router";
import { categoriesRouter } from "./routes/categories/router";
import { ceremonyRouter } from "./routes/ceremony/router";
import { checkInRouter, myCheckInCodeRouter } from "./routes/checkIn/router";
import { clockRouter } from "./routes/clock/router";
import { consentRouter } from "./routes/consent/router";
import { eventsRouter } from "./routes/events/router";
import { feedbackRouter } from "./routes/feedback/router";
import { healthRouter } from "./routes/health/router";
import { invitesRouter } from "./routes/invites/router";
import { judgesRouter } from "./routes/judges/router";
import { eventJudgingRouter, judgingRouter } from "./routes/judging/router";
import {
  loadSession,
  problemHandler,
  refuseCrossSite,
  refuseUnknownHost,
  restoreSignedInHint,
} from "./routes/middleware";
import { eventPasswordResetsRouter, passwordResetsRouter } from "./routes/passwords/router";
import { prizesRouter } from "./routes/prizes/router";
import { publicReadsRouter } from "./routes/public/router";
import { createRateLimits, rateLimit } from "./routes/rateLimits";
import { responseChecker } from "./routes/reference/check";
import { referenceRouter } from "./routes/reference/router";
import { schoolsRouter } from "./routes/schools/router";
import { sessionRouter } from "./routes/session/router";
import { settingsRouter } from "./routes/settings/router";
import { stageRouter } from "./routes/stage/router";
import { submissionsRouter } from "./routes/submissions/router";
import { myTeacherRouter, teachersRouter } from "./routes/teachers/router";
import { eventTeamsRouter, myTeamRouter } from "./routes/teams/router";
import { createSessionCache } from "./services/sessionCache";
import { readLinkBase } from "./services/settings";

interface Mount {
  path: string;
  router: express.Router;
}

/** Every API route the app serves, as "METHOD /api/path/{param}". */
function servedRoutes(mounts: Mount[]): string[] {
  const out = new Set<string>();
  for (const { path: prefix, router } of mounts) {
    for (const layer of (
      router as unknown as {
        stack: { route?: { path: string; methods: Record<string, boolean> } }[];
      }
    ).stack) {
      if (!layer.route) continue;
      const full =
        `/api${prefix === "/" ? "" : prefix}${layer.route.path === "/" ? "" : layer.route.path}`.replace(
          /:(\w+)/g,
          "{$1}",
        );
      for (const method of Object.keys(layer.route.methods))
        if (method !== "_all") out.add(`${method.toUpperCase()} ${full}`);
    }
  }
  return [...out].sort();
}

export interface App {
  /** Every API route served, as "METHOD /api/path/{param}". */
  routes(): string[];
  app: Express;
  server: HttpServer;
  realtime: Realtime;
  /** The addresses the app listens on (read once it listens). */
  addresses: Addresses;
  /** Stops accepting connections and closes sockets; the database is the caller's to close. */
  close(): Promise<void>;
  /** Forgets what the app holds in memory about the database's rows and about clients (rate
   * counts, the chosen link address): for tests that empty the database between cases. */
  forget(): void;
}

/** Builds the HTTP API, the static client and Socket.IO on one server. Does not listen. */
export async function createApplication(deps: AppDeps): Promise<App> {
  const app = express();
  const server = createServer(app);
  const rateLimits = deps.rateLimits ?? rateLimitsFromEnv();
  const passwords = boundedHasher(deps.passwords, {
    // One core stays free for answering everyone else while sign-ins hash.
    concurrency: Math.max(1, availableParallelism() - 1),
    queue: rateLimits ? LIMITS.hashingQueue : Number.POSITIVE_INFINITY,
  });
  const addresses = serverAddresses(server, deps.publicUrl);
  const links = new Links(addresses, deps.publicUrl);
  links.choose(await readLinkBase(deps.db));
  const limits = createRateLimits(rateLimits);
  const sessions = createSessionCache(deps.db);
  const realtime = createRealtime(server, deps, sessions);
  const ctx: AppContext = {
    ...deps,
    passwords,
    rateLimits,
    realtime,
    addresses,
    links,
    limits,
    sessions,
    publish: realtime.publisher.after,
  };

  app.disable("x-powered-by");
  // API answers are never cached (no-store), so an ETag, a hash of every body, buys nothing;
  // static files get theirs from express.static.
  app.set("etag", false);
  app.set("trust proxy", "loopback");
  app.use(refuseUnknownHost(ctx));
  const security = helmet({
    contentSecurityPolicy: deps.dev
      ? false
      : {
          useDefaults: false,
          directives: {
            defaultSrc: ["'self'"],
            scriptSrc: ["'self'"],
            styleSrc: ["'self'"],
            imgSrc: ["'self'", "data:"],
            connectSrc: ["'self'"],
            fontSrc: ["'self'"],
            objectSrc: ["'none'"],
            baseUri: ["'self'"],
            formAction: ["'self'"],
            frameAncestors: ["'none'"],
          },
        },
    // The site may be served over plain HTTP on a venue LAN; do not pin HTTPS.
    strictTransportSecurity: false,
  });
  // The headers are the same for every answer, so they are worked out once and set in one
  // pass: on the public reads every screen makes, helmet's chain of a dozen middlewares per
  // request was a measurable share of the time.
  const headers = headersOf(security);
  // A children's event: no page of it belongs in a search engine, consent links least of all.
  // robots.txt asks crawlers to stay out; the header keeps out pages they reach anyway.
  headers.push(["X-Robots-Tag", "noindex, nofollow"]);
  app.use((_req, res, next) => {
    for (const [name, value] of headers) res.setHeader(name, value);
    next();
  });
  app.get("/robots.txt", (_req, res) => {
    res.type("text/plain").set("Cache-Control", "public, max-age=86400").send(ROBOTS_TXT);
  });
  const noStore: express.RequestHandler = (_req, res, next) => {
    res.set("Cache-Control", "no-store");
    next();
  };
  const checker = deps.checkResponses ? responseChecker(deps.logger) : null;
  // Each mount is recorded so the API reference can be checked against what is served.
  const mounts: Mount[] = [];
  const mountOn = (on: express.Router, path: string, router: express.Router) => {
    mounts.push({ path, router });
    if (checker) on.use(path, checker.at(path), router);
    else on.use(path, router);
  };

  // Every screen's first reads: public and answered from memory, so before the compression
  // wrapper (their bodies come gzipped once per version: server/lib/preparedJson.ts) and before
  // the session, body parsing and rate limits that only writes and signed-in reads need.
  // Anything else passes on to the API below.
  const reads = express.Router();
  reads.use(noStore);
  if (checker) reads.use(checker.check);
  mountOn(reads, "/events/:slug", publicReadsRouter(ctx));
  reads.use(problemHandler(ctx));
  app.use("/api", reads);

  // Phones on venue wifi: answers go compressed when the client accepts it. Socket.IO never
  // reaches Express (engine.io answers its own requests first), and streamed answers such as
  // the backup download stay streamed, compressed as they go.
  app.use(compression());

  const api = express.Router();
  api.use(noStore);
  if (checker) api.use(checker.check);
  const mount = (path: string, router: express.Router) => mountOn(api, path, router);
  api.use(refuseCrossSite(ctx));
  api.use(
    express.json({ limit: LIMITS.jsonBodyBytes, type: ["application/json", "application/*+json"] }),
  );
  api.use(loadSession(ctx));
  // Requests that cost a password hash, send mail or try a secret link: limited per network
  // address and per account (server/routes/rateLimits.ts; numbers in shared/limits.ts).
  api.post("/session", rateLimit(limits, "signIn"));
  api.post("/setup", rateLimit(limits, "invite"));
  api.get("/setup/:token", rateLimit(limits, "invite"));
  api.all("/invites/:token", rateLimit(limits, "invite"));
  api.all("/consent/:token", rateLimit(limits, "consent"));
  api.post("/events/:slug/teams", rateLimit(limits, "signUp"));
  api.post("/teachers/me/teams", rateLimit(limits, "signUp"));
  api.post("/events/:slug/teachers/requests", rateLimit(limits, "signUp"));
  api.post("/teams/me/members", rateLimit(limits, "mailingAccount"));
  api.post("/teams/me/members/:id/consent-link", rateLimit(limits, "mailingAccount"));
  api.post("/teachers/me/pupils/:id/consent-link", rateLimit(limits, "mailingAccount"));
  api.post(
    "/events/:slug/teams/:id/members/:memberId/consent-link",
    rateLimit(limits, "mailingAccount"),
  );
  api.post("/events/:slug/judges", rateLimit(limits, "mailingAccount"));
  api.post("/events/:slug/judges/:id/invite", rateLimit(limits, "mailingAccount"));
  api.post("/events/:slug/teachers", rateLimit(limits, "mailingAccount"));
  api.post("/events/:slug/teachers/:id/invite", rateLimit(limits, "mailingAccount"));
  api.all("/password-resets", rateLimit(limits, "passwordReset"));
  api.all("/password-resets/:token", rateLimit(limits, "passwordReset"));
  api.post("/events/:slug/teams/:id/password-reset", rateLimit(limits, "mailingAccount"));
  api.post("/events/:slug/judges/:id/password-reset", rateLimit(limits, "mailingAccount"));
  mount("/health", healthRouter(ctx));
  mount("/", referenceRouter(ctx));
  mount("/", sessionRouter(ctx));
  mount("/", backupRouter(ctx));
  mount("/events", eventsRouter(ctx));
  mount("/events/:slug/categories", categoriesRouter(ctx));
  mount("/events/:slug/prizes", prizesRouter(ctx));
  mount("/events/:slug/judges", judgesRouter(ctx));
  mount("/events/:slug/teachers", teachersRouter(ctx));
  mount("/events/:slug/schools", schoolsRouter(ctx));
  mount("/events/:slug/clock", clockRouter(ctx));
  mount("/events/:slug/announcements", announcementsRouter(ctx));
  mount("/events/:slug/submissions", submissionsRouter(ctx));
  mount("/events/:slug/feedback", feedbackRouter(ctx));
  mount("/events/:slug", eventTeamsRouter(ctx));
  mount("/events/:slug", eventJudgingRouter(ctx));
  mount("/events/:slug", ceremonyRouter(ctx));
  mount("/events/:slug", stageRouter(ctx));
  mount("/events/:slug", checkInRouter(ctx));
  mount("/judging", judgingRouter(ctx));
  mount("/teams/me", myTeamRouter(ctx));
  mount("/teachers/me", myTeacherRouter(ctx));
  mount("/teams/me", myCheckInCodeRouter(ctx));
  mount("/consent", consentRouter(ctx));
  mount("/invites", invitesRouter(ctx));
  mount("/password-resets", passwordResetsRouter(ctx));
  mount("/events/:slug", eventPasswordResetsRouter(ctx));
  mount("/settings", settingsRouter(ctx));
  api.use((req) => {
    throw new AppError("not-found", `There is no API route ${req.method} ${req.path}.`);
  });
  api.use(problemHandler(ctx));
  app.use("/api", api);
  // Pages, not the API: a session from before the sign-in hint existed gets one, so its page
  // still asks who is signed in (pages without the hint assume nobody is).
  app.use(restoreSignedInHint(Boolean(deps.publicUrl?.startsWith("https:"))));

  if (deps.dev) {
    const { createServer: createVite } = await import("vite");
    const vite = await createVite({
      server: { middlewareMode: true, hmr: { server } },
      appType: "spa",
    });
    app.use(vite.middlewares);
  } else if (deps.clientDir) {
    mountClient(app, deps.clientDir);
  }
  app.use(
    (error: unknown, req: express.Request, res: express.Response, _next: express.NextFunction) => {
      const status = (error as { status?: number })?.status ?? 500;
      if (status >= 500)
        deps.logger.error({ err: error, path: loggablePath(req.originalUrl) }, "unhandled error");
      if (res.headersSent || req.socket.destroyed) return;
      res
        .status(status)
        .type("text")
        .send(status === 404 ? "Not found" : "Something went wrong");
    },
  );

  return {
    app,
    server,
    realtime,
    addresses,
    routes: () => servedRoutes(mounts),
    forget() {
      limits.clear();
      links.choose(null);
      realtime.forgetAll();
    },
    async close() {
      await realtime.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const ROBOTS_TXT = "User-agent: *\nDisallow: /\n";

/**
 * Serves the built single-page app: index.html for every page of the client, and for any
 * other path too, with 404, so the client shows its Not found page and the status says so.
 */
function mountClient(app: Express, clientDir: string) {
  const index = path.join(clientDir, "index.html");
  app.use(
    "/assets",
    express.static(path.join(clientDir, "assets"), {
      immutable: true,
      maxAge: "1y",
      fallthrough: false,
    }),
  );
  app.use(express.static(clientDir, { index: false, maxAge: "1h" }));
  app.get("/{*splat}", (req, res) => {
    if (existsSync(index)) {
      res.set("Cache-Control", "no-cache");
      res.status(isPagePath(req.path) ? 200 : 404).sendFile(index);
    } else {
      // The client is still being built by `npm start`; refresh shortly.
      res
        .status(503)
        .set("Retry-After", "2")
        .type("html")
        .send(
          '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="2"><title>Starting…</title></head><body><p>Hack Manchester Junior is starting. This page will refresh by itself.</p></body></html>',
        );
    }
  });
}

/**
 * The headers a middleware sets on any answer, found by running it once on a stand-in. Only
 * for middlewares whose headers do not depend on the request (helmet as configured here).
 */
function headersOf(middleware: express.RequestHandler): [string, string][] {
  const headers: [string, string][] = [];
  const stand = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers.push([name, String(value)]);
      return stand;
    },
    removeHeader() {},
    getHeader() {
      return undefined;
    },
  };
  let called = false;
  middleware({ headers: {} } as express.Request, stand as unknown as express.Response, () => {
    called = true;
  });
  if (!called) throw new Error("The security headers could not be worked out.");
  return headers;
}
