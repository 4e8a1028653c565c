/**
 * A team hands in its project on a phone (390×844) against the real server: sign up, get
 * checked in, submit, edit (version 2), reload with an unsaved draft, then the deadline
 * passes. A save one second after the deadline is refused plainly and version 2 is kept;
 * after a reload the page is read-only and says what the judges see.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SubmissionView, TeamView } from "../../shared/api";
import { signInOrganizer } from "../helpers/factories";
import type { Client } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";
import {
  CLIENT_DIR,
  expectNoAxeViolations,
  expectNoSidewaysScroll,
  launchBrowser,
  PHONE_CONTEXT,
  screenshot,
  watchConsole,
} from "./browser";
import { checkIn, createEvent, TIMES } from "./eventSetup";

const SLUG = "hmj-2026";
const TEAM = { name: "Byte Club", email: "byte.club@example.com", password: "byte club password" };
/** Three hours before the deadline. */
const HACKING = new Date("2026-03-15T10:00:00Z");
const ONE_SECOND_LATE = new Date(Date.parse(TIMES.submissionsCloseAt) + 1000);

let server: TestServer;
let browser: Browser;
let organizer: Client;
let context: BrowserContext;
let page: Page;
let consoleErrors: string[] = [];

beforeAll(async () => {
  server = await startTestServer({ clientDir: CLIENT_DIR });
  ({ organizer } = await createEvent(server, SLUG));
  browser = await launchBrowser();
  context = await browser.newContext(PHONE_CONTEXT);
  page = await context.newPage();
  page.setDefaultTimeout(10_000);
  consoleErrors = watchConsole(page);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function checkPage(where: string) {
  await expectNoAxeViolations(page, where);
  await expectNoSidewaysScroll(page, where);
}

const saveState = () => page.locator(".submission-actions [role=status]").textContent();

/** What the server holds, asked as an organizer (signed in afresh: the clock jumps days). */
async function savedSubmission(): Promise<SubmissionView | undefined> {
  organizer = await signInOrganizer(server.url, server.database);
  const res = await organizer.get<{ submissions: SubmissionView[] }>(
    `/api/events/${SLUG}/submissions`,
  );
  return res.body.submissions.find((s) => s.teamName === TEAM.name);
}

describe("handing in a project on a phone", () => {
  it("signs the team up on the phone, and the organizer checks it in", async () => {
    await page.goto(`${server.url}/events/${SLUG}/register`);
    await page.getByLabel("Team name").fill(TEAM.name);
    await page.getByRole("radio", { name: /Best Game/ }).check();
    await page.getByLabel("First name").fill("Ada");
    await page.getByLabel("Last name").fill("Lovelace");
    await page.getByLabel("Day").selectOption("15");
    await page.getByLabel("Month").selectOption({ label: "June" });
    await page.getByLabel("Year").selectOption("2011");
    await page.getByLabel("School", { exact: true }).fill("Trinity High School");
    await page.getByLabel("Guardian's name").fill("Pat Lovelace");
    await page.getByLabel("Guardian's email").fill("pat@example.com");
    await page.getByLabel("Email", { exact: true }).fill(TEAM.email);
    await page.getByLabel("Password", { exact: true }).fill(TEAM.password);
    await page.getByRole("button", { name: "Sign up team" }).click();
    await page.waitForURL(`${server.url}/team`);

    const { body } = await organizer.get<{ teams: TeamView[] }>(`/api/events/${SLUG}/teams`);
    await checkIn(organizer, SLUG, body.teams[0]!.id);
  });

  it("explains a bad web address before sending, then hands the project in (version 1)", async () => {
    // Hacking day: the sign-up session has lapsed, so the team signs in again.
    server.clock.set(HACKING);
    await page.goto(`${server.url}/signin?next=%2Fteam%2Fsubmission`);
    await page.getByLabel("Email").fill(TEAM.email);
    await page.getByLabel("Password").fill(TEAM.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${server.url}/team/submission`);
    await page.getByRole("heading", { level: 1, name: "Your project" }).waitFor();
    await page.getByTestId("countdown").getByText("Time left to hack").waitFor();
    expect(await saveState()).toContain("Not handed in yet");
    await checkPage("empty submission");
    await screenshot(page, "submission-empty-phone");

    await page.getByLabel("Project title").fill("RevisionBuddy");
    await page
      .getByLabel("What does it do?")
      .fill("Flashcards that learn what you forget.\nMade with a micro:bit <b>and</b> Python.");
    await page.getByText("79 of 5000 characters").waitFor();
    await page.getByLabel("Demo link").fill("www.revisionbuddy.example");
    await page.getByLabel("Built with").fill("Python");
    await page.getByLabel("Built with").press("Enter");
    await page.getByLabel("Built with").fill("micro:bit");
    await page.getByRole("button", { name: "Add", exact: true }).click();
    await page.getByLabel("Built with").fill("Scratch");
    await page.getByLabel("Built with").press("Enter");
    await page.getByRole("button", { name: "Remove Scratch" }).click();
    expect(await saveState()).toContain("Unsaved changes");

    await page.getByRole("button", { name: "Hand in project" }).click();
    await page.getByText("Enter a full web address starting with https://").first().waitFor();
    expect(await page.getByLabel("Demo link").getAttribute("aria-invalid")).toBe("true");
    await checkPage("submission with a bad address");
    await screenshot(page, "submission-bad-url-phone");

    await page.getByLabel("Demo link").fill("https://revisionbuddy.example");
    await page.getByLabel("Code (repository) link").fill("https://example.com/byte-club/revision");
    await page.getByRole("button", { name: "Hand in project" }).click();
    await expect.poll(saveState).toMatch(/^Saved 10:00 \(version 1\)/);
    const first = await savedSubmission();
    expect(first?.version).toBe(1);
    expect(first?.builtWith).toEqual(["Python", "micro:bit"]);
  });

  it("saves an edit as version 2 and lists both versions", async () => {
    await page.getByLabel("Project title").fill("RevisionBuddy 2");
    expect(await saveState()).toBe("Unsaved changes");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect.poll(saveState).toMatch(/^Saved 10:00 \(version 2\)/);
    const versions = page.getByRole("region", { name: "Saved versions" }).getByRole("listitem");
    await expect.poll(() => versions.count()).toBe(2);
    expect(await versions.first().textContent()).toContain("v2");
    expect((await savedSubmission())?.version).toBe(2);
    await checkPage("submission saved");
    await screenshot(page, "submission-saved-phone");
  });

  it("keeps unsaved typing across a reload, with a way to throw it away", async () => {
    await page.getByLabel("Project title").fill("RevisionBuddy 3 (not saved)");
    await page.reload();
    await page.getByText("We brought back your unsaved changes").waitFor();
    expect(await page.getByLabel("Project title").inputValue()).toBe("RevisionBuddy 3 (not saved)");
    expect(await saveState()).toBe("Unsaved changes");
    // What the team typed is text, never HTML.
    expect(await page.getByLabel("What does it do?").inputValue()).toContain("<b>and</b>");
    await checkPage("submission with a restored draft");
    await screenshot(page, "submission-draft-phone");

    await page.getByRole("button", { name: "Discard draft" }).click();
    expect(await page.getByLabel("Project title").inputValue()).toBe("RevisionBuddy 2");
    await expect.poll(saveState).toMatch(/^Saved 10:00 \(version 2\)/);

    // A draft again, for the deadline.
    await page.getByLabel("Project title").fill("RevisionBuddy 3");
    await page.reload();
    await page.getByText("We brought back your unsaved changes").waitFor();
    // The page has measured the server's time: three hours to go. The server clock is frozen on
    // a whole second and the countdown rounds up, so the first tick comes a second after the sync.
    await expect
      .poll(() => page.locator(".countdown-digits").textContent(), { timeout: 5000 })
      .toMatch(/^0?2\D*hours\D*59/);
  });

  it("refuses a save one second after the deadline plainly and keeps version 2", async () => {
    server.clock.set(ONE_SECOND_LATE);
    // The open page still shows the form; the server has the last word.
    await page.getByRole("button", { name: "Save changes" }).click();
    await page
      .getByText(
        "The deadline has passed; your last saved version (v2, saved 10:00) is what the judges see.",
      )
      .waitFor();
    await page.getByText("Changes you made after that weren't saved").waitFor();
    expect(await page.getByLabel("Project title").count()).toBe(0);
    const kept = await savedSubmission();
    expect(kept?.version).toBe(2);
    expect(kept?.title).toBe("RevisionBuddy 2");
    await checkPage("submission refused after the deadline");
  });

  it("is read-only after the deadline, showing what the judges see", async () => {
    await page.reload();
    await page
      .getByText(
        "The deadline has passed; your last saved version (v2, saved 10:00) is what the judges see.",
      )
      .waitFor();
    await page.getByTestId("countdown").getByText("Judging is under way").waitFor();
    await page.getByRole("heading", { name: "RevisionBuddy 2" }).waitFor();
    expect(await page.getByRole("textbox").count()).toBe(0);
    const demo = page.getByRole("link", { name: /Open demo/ });
    expect(await demo.getAttribute("href")).toBe("https://revisionbuddy.example/");
    expect(await demo.getAttribute("target")).toBe("_blank");
    expect(await demo.getAttribute("rel")).toBe("noopener noreferrer");
    // The summary is shown as text: the team's "<b>" is not bold.
    expect(await page.locator(".project-summary b").count()).toBe(0);
    await page.locator(".project-summary").getByText("<b>and</b>", { exact: false }).waitFor();
    await checkPage("submission after the deadline");
    await screenshot(page, "submission-closed-phone");
  });

  it("logged no console errors or CSP refusals", () => {
    expect(consoleErrors).toEqual([]);
  });
});
