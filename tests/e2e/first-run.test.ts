/**
 * First run in a real browser: the set-up link printed at start-up creates the first
 * organizer; bad and spent links say what to do; a failed load offers a retry.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueSetupToken } from "../../server/services/setup";
import { startTestServer, type TestServer } from "../helpers/server";
import {
  CLIENT_DIR,
  expectNoAxeViolations,
  expectNoSidewaysScroll,
  launchBrowser,
  screenshot,
  watchConsole,
} from "./browser";

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let consoleErrors: string[];

beforeAll(async () => {
  server = await startTestServer({ clientDir: CLIENT_DIR });
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "en-GB" });
  page = await context.newPage();
  consoleErrors = watchConsole(page);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("first run in the browser", () => {
  it("explains a set-up link without its code, or with a wrong one", async () => {
    await page.goto(`${server.url}/setup`);
    await page.getByRole("heading", { name: "This set-up link is not complete" }).waitFor();
    await expectNoAxeViolations(page, "set-up without a token");

    await page.goto(`${server.url}/setup?token=not-a-real-token`);
    await page.getByRole("heading", { name: "This set-up link doesn't work" }).waitFor();
    await expectNoAxeViolations(page, "set-up with a wrong token");
  });

  it("creates the first organizer from the set-up link and signs them in", async () => {
    const token = await issueSetupToken(server.database.db);
    await page.goto(`${server.url}/setup?token=${token}`);
    await page.getByRole("heading", { name: "Welcome! Let's set up" }).waitFor();
    await expectNoAxeViolations(page, "set-up form");

    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByText("Your name can't be empty.").waitFor();
    await page.getByText("Enter an email address like name@example.com.").waitFor();
    await page.getByText("Use at least 8 characters.").waitFor();
    await expectNoAxeViolations(page, "set-up form with errors");
    await expectNoSidewaysScroll(page, "set-up form with errors");
    await screenshot(page, "setup-errors-phone");

    await page.getByLabel("Your name").fill("Sam Organizer");
    await page.getByLabel("Email").fill("sam@example.com");
    await page.getByLabel("Password", { exact: true }).fill("four random words here");
    await page.getByLabel("Type the password again").fill("four random words here");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL(`${server.url}/organize`);
    await page.getByText("No events yet — create your first event").waitFor();

    // The link is spent now.
    await page.goto(`${server.url}/setup?token=${token}`);
    await page.getByRole("heading", { name: "Set-up is already done" }).waitFor();
    await page.getByRole("link", { name: "Sign in instead" }).waitFor();
    await expectNoAxeViolations(page, "set-up already done");
  });

  it("offers a retry when a page could not load", async () => {
    let failures = 1;
    await page.route("**/api/events", (route) =>
      failures-- > 0 ? route.abort("connectionreset") : route.continue(),
    );
    await page.goto(`${server.url}/organize`);
    await page.getByText("We couldn't reach the server.").waitFor();
    await expectNoAxeViolations(page, "event list that failed to load");
    await screenshot(page, "organizer-load-error-phone");
    await page.getByRole("button", { name: "Try again" }).click();
    await page.getByText("No events yet — create your first event").waitFor();
    await page.unroute("**/api/events");
  });

  it("says plainly when an event does not exist", async () => {
    await page.goto(`${server.url}/events/no-such-event`);
    await page.getByRole("heading", { name: "We can't find that event" }).waitFor();
    await expectNoAxeViolations(page, "unknown public event");
    await page.getByText("Check the link you were given.", { exact: false }).waitFor();
    // Every page about one event says the same, never a bare error.
    for (const sub of ["register", "teachers", "results"]) {
      await page.goto(`${server.url}/events/no-such-event/${sub}`);
      await page.getByRole("heading", { name: "We can't find that event" }).waitFor();
    }
    await page.goto(`${server.url}/organize/no-such-event`);
    await page.getByRole("heading", { name: "We can't find that event" }).waitFor();
    await page.getByRole("link", { name: "Your events" }).waitFor();
    await expectNoAxeViolations(page, "unknown organizer event");
  });

  it("logged no console errors or CSP refusals", () => {
    // The aborted request above is reported by Chrome as a network error; nothing else may be.
    expect(consoleErrors.filter((e) => !e.includes("net::ERR_CONNECTION_RESET"))).toEqual([]);
  });
});
