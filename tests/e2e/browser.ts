/** Helpers for browser tests: the system Chromium, axe-core checks, console watching, screenshots. */
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from "playwright-core";
import { expect } from "vitest";
import { isPagePath } from "../../shared/paths";
import { ORGANIZER } from "../helpers/factories";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const CLIENT_DIR = path.join(ROOT, "dist", "client");
const RESULTS = path.join(ROOT, "test-results");
const AXE_PATH = path.join(ROOT, "node_modules", "axe-core", "axe.min.js");

/** Starts the system Chromium; the tests never download a browser. */
function startChromium(extraArgs: string[]): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      // V8's lite mode: the interpreter only, no machine code compiled. A test's pages live for
      // seconds, too short to repay compiling hot code, and each new page starts the app
      // afresh. JavaScript means the same (the app uses no WebAssembly, which this turns off);
      // the pages took about a sixth less CPU, measured on four files.
      "--js-flags=--lite-mode",
      ...extraArgs,
    ],
  });
}

let shared: Promise<Browser> | null = null;

/**
 * The Chromium a test file drives. The files a worker runs take turns in one browser (the
 * worker lives from file to file, see vitest.e2e.config.ts), because starting Chromium again
 * for every file was a fixed cost of each. A file still gets fresh contexts (cookies, storage,
 * permissions are per context) from `newContext`; its `close()` closes the contexts it opened
 * and leaves the browser running for the next file. `extraArgs` (switches such as a fake
 * camera that plays a file) starts a browser of the file's own, which `close()` stops.
 */
export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  if (extraArgs.length > 0) return startChromium(extraArgs);
  if (shared && !(await shared.catch(() => null))?.isConnected()) shared = null;
  shared ??= startChromium([]);
  const browser = await shared;
  const opened = new Set<BrowserContext>();
  const track = (context: BrowserContext) => {
    opened.add(context);
    context.once("close", () => opened.delete(context));
    return context;
  };
  return new Proxy(browser, {
    get(target, property) {
      if (property === "newContext")
        return async (options?: BrowserContextOptions) => track(await target.newContext(options));
      if (property === "newPage")
        return async (options?: BrowserContextOptions) => {
          const page = await target.newPage(options);
          track(page.context());
          return page;
        };
      if (property === "close")
        return async () => {
          await Promise.all([...opened].map((context) => context.close()));
        };
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

// Chrome reports each 4xx answer to fetch() as a console error. The app expects some from
// its API (401 from GET /api/session when signed out or for a wrong password, 404 for a bad
// link, 409 for a taken name, 410 for a used invite, 429 for a consent link sent again too
// soon), so those are not failures. Anything else is, including CSP refusals and a missing
// asset. Opening an address that is no page of the app answers 404 too (with the app, which
// shows its Not found page).
const EXPECTED_HTTP =
  /^Failed to load resource: the server responded with a status of (401|404|409|410|429)/;
const isMissingPage = (source: string, text: string) =>
  text.includes("status of 404") &&
  !source.includes("/api/") &&
  !isPagePath(new URL(source).pathname);

/** Collects the page's console errors and uncaught exceptions. */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const source = message.location().url;
    const expected =
      EXPECTED_HTTP.test(message.text()) &&
      (source.includes("/api/") || isMissingPage(source, message.text()));
    if (!expected) errors.push(`${page.url()}: ${message.text()} (${source})`);
  });
  page.on("pageerror", (error) => errors.push(`${page.url()}: uncaught ${error.message}`));
  return errors;
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/**
 * Runs axe-core on the page as it is now and fails on any violation. The script is added
 * through the DevTools protocol, which the page's Content-Security-Policy does not govern
 * (a <script> tag with inline content would be refused, as it should be).
 */
export async function expectNoAxeViolations(page: Page, where: string) {
  await animationsDone(page);
  const source = readFileSync(AXE_PATH, "utf8");
  const hasAxe = await page.evaluate(() => "axe" in window);
  if (!hasAxe) await page.evaluate(source);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(options: object): Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run({ resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ""}`),
    }));
  });
  expect(violations, `axe violations on ${where}`).toEqual([]);
}

/** Colours part-way through a transition (a hover fading in) are not what people read. */
function animationsDone(page: Page) {
  return page.waitForFunction(() =>
    document.getAnimations().every((a) => a.playState !== "running" || a.effect === null),
  );
}

/** Fails when the page is wider than the screen, so a phone would have to scroll sideways. */
export async function expectNoSidewaysScroll(page: Page, where: string) {
  const { scroll, viewport } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    viewport: window.innerWidth,
  }));
  expect(scroll, `page wider than the screen on ${where}`).toBeLessThanOrEqual(viewport);
}

/**
 * A projector screen fits its window: no scrolling either way and no element of `.display`
 * past the bottom or right edge. `ignore` leaves out decoration meant to fly off the screen.
 */
export async function expectFitsProjector(page: Page, where: string, ignore?: string) {
  const selector = ignore ? `.display *:not(${ignore}):not(${ignore} *)` : ".display *";
  const { scrollHeight, innerHeight, scrollWidth, innerWidth, outside } = await page.evaluate(
    (all) => ({
      scrollHeight: document.scrollingElement?.scrollHeight ?? 0,
      innerHeight: window.innerHeight,
      scrollWidth: document.scrollingElement?.scrollWidth ?? 0,
      innerWidth: window.innerWidth,
      outside: [...document.querySelectorAll(all)]
        .filter((el) => {
          const box = el.getBoundingClientRect();
          return box.bottom > window.innerHeight + 1 || box.right > window.innerWidth + 1;
        })
        .map((el) => `${el.tagName} ${el.className}`),
    }),
    selector,
  );
  expect(scrollHeight, `vertical scrolling on ${where}`).toBeLessThanOrEqual(innerHeight);
  expect(scrollWidth, `sideways scrolling on ${where}`).toBeLessThanOrEqual(innerWidth);
  expect(outside, `elements off the screen on ${where}`).toEqual([]);
}

/** Signs the organizer in through the sign-in page, which then opens `next` (a path). */
export function signInOrganizerAt(page: Page, base: string, next: string) {
  return signInAs(page, base, ORGANIZER, next);
}

/** Signs in on the sign-in page as `who`, and waits to land on `next`. */
export async function signInAs(
  page: Page,
  base: string,
  who: { email: string; password: string },
  next: string,
) {
  await page.goto(`${base}/signin?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${base}${next}`);
}

/**
 * A 390×844 phone with touch, in British English, with motion reduced: how teams, guardians,
 * judges and the organizer on the move use the app.
 */
export const PHONE_CONTEXT: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  locale: "en-GB",
  reducedMotion: "reduce",
};

/** Whether screenshots are saved; see `screenshot`. */
export const SCREENSHOTS = process.env.E2E_SCREENSHOTS !== "off";

/**
 * Saves the page as test-results/<name>.png for people to look at; no test reads it. With
 * E2E_SCREENSHOTS=off (CI, where nobody looks) it only waits as it would before capturing:
 * capturing full pages took 7–15 % of the browser tests' time on a 2-core machine.
 */
export async function screenshot(page: Page, name: string) {
  await animationsDone(page);
  // Sticky parts of the page are drawn where they are at the current scroll position.
  await page.evaluate(() => window.scrollTo(0, 0));
  if (!SCREENSHOTS) return;
  mkdirSync(RESULTS, { recursive: true });
  await page.screenshot({ path: path.join(RESULTS, `${name}.png`), fullPage: true });
}

/**
 * Like watchConsole, but a test may excuse errors it causes on purpose, e.g. the network
 * failures logged while it holds a page offline. `excuse` is asked at the moment each error
 * is logged, so it can depend on the test's current phase.
 */
export function watchConsoleExcept(page: Page, excuse: (text: string) => boolean): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const source = message.location().url;
    const expected =
      EXPECTED_HTTP.test(message.text()) &&
      (source.includes("/api/") || isMissingPage(source, message.text()));
    if (!expected && !excuse(message.text()))
      errors.push(`${page.url()}: ${message.text()} (${source})`);
  });
  page.on("pageerror", (error) => errors.push(`${page.url()}: uncaught ${error.message}`));
  return errors;
}
