/**
 * Signing a team up on a phone, a guardian's consent on another phone, and the organizer's
 * check-in at the door on a laptop. Every page is checked with axe-core, console errors fail
 * the test, and screenshots go to test-results/.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TeamView } from "../../shared/api";
import { ORGANIZER } from "../helpers/factories";
import { consentLinkFor, tokenOf } from "../helpers/guardians";
import type { Client } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";
import {
  CLIENT_DIR,
  expectNoAxeViolations,
  expectNoSidewaysScroll,
  launchBrowser,
  PHONE_CONTEXT,
  screenshot,
  signInOrganizerAt,
  watchConsole,
} from "./browser";
import { AT, createLiveEvent, EVENT_NAME } from "./liveEvent";

const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1280, height: 800 };
const SLUG = "hmj-2026";
const SCHOOL = "St Mary's High School";

let server: TestServer;
let browser: Browser;
let organizerApi: Client;
const consoleErrors: string[][] = [];

beforeAll(async () => {
  server = await startTestServer({ clientDir: CLIENT_DIR });
  ({ organizer: organizerApi } = await createLiveEvent(server, SLUG));
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function phoneContext(): Promise<BrowserContext> {
  return browser.newContext(PHONE_CONTEXT);
}

async function openPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  consoleErrors.push(watchConsole(page));
  return page;
}

/** Keeps a printed page in test-results/, to look at (pdftoppm -png turns it into images). */
function writePdf(pdf: Buffer, name: string) {
  mkdirSync("test-results", { recursive: true });
  writeFileSync(`test-results/${name}.pdf`, pdf);
}

async function checkPhonePage(page: Page, where: string) {
  await expectNoAxeViolations(page, where);
  await expectNoSidewaysScroll(page, where);
}

interface MemberData {
  first: string;
  last: string;
  day: string;
  month: string;
  year: string;
  guardian: string;
  email: string;
}

async function fillMember(group: Locator, m: MemberData) {
  await group.getByLabel("First name").fill(m.first);
  await group.getByLabel("Last name").fill(m.last);
  await group.getByLabel("Day").selectOption(m.day);
  await group.getByLabel("Month").selectOption({ label: m.month });
  await group.getByLabel("Year").selectOption(m.year);
  await group.getByLabel("School").fill(SCHOOL);
  await group.getByLabel("Guardian's name").fill(m.guardian);
  await group.getByLabel("Guardian's email").fill(m.email);
}

describe("team sign-up, consent and check-in in the browser", () => {
  let student: BrowserContext;
  let phone: Page;
  let consentUrl = "";

  it("signs up a team of three on a phone, explaining the age rule as the date is chosen", async () => {
    student = await phoneContext();
    phone = await openPage(student);
    await phone.goto(`${server.url}/events/${SLUG}`);
    await phone.getByRole("link", { name: "Sign up a team" }).click();
    await phone.waitForURL(`${server.url}/events/${SLUG}/register`);
    await phone.getByRole("heading", { level: 1, name: "Sign up a team" }).waitFor();
    await checkPhonePage(phone, "sign-up, empty");

    await phone.getByLabel("Team name").fill("Byte Club");
    // The single-school rule is shown on the category before anyone breaks it.
    const strict = phone.getByRole("radio", { name: /Pre-University Challenge/ });
    expect(await strict.getAttribute("type")).toBe("radio");
    await phone
      .locator("label", { has: strict })
      .getByText("All members must be from the same school")
      .waitFor();
    await phone
      .locator("label", { has: phone.getByRole("radio", { name: /Best Game/ }) })
      .getByText("Members can be from any school")
      .waitFor();
    await strict.check();

    // Sam's year of birth makes them 19 on the first day: said at once, next to the date.
    const first = phone.getByRole("group", { name: /^Member 1/ });
    await fillMember(first, {
      first: "Sam",
      last: "Taylor",
      day: "10",
      month: "March",
      year: "2007",
      guardian: "Chris Taylor",
      email: "chris.taylor@example.com",
    });
    const tooOld = "Sam will be 19 on 14 March 2026, the first day; the event is for 18 and under.";
    await first.getByText(tooOld).waitFor();
    expect(await first.getByLabel("Year").getAttribute("aria-invalid")).toBe("true");
    await first.getByText(tooOld).scrollIntoViewIfNeeded();
    await checkPhonePage(phone, "sign-up with the age explained");
    await screenshot(phone, "signup-too-old-phone");

    await first.getByLabel("Year").selectOption("2011");
    await expect.poll(() => first.getByText(tooOld).count()).toBe(0);
    expect(await first.getByLabel("Year").getAttribute("aria-invalid")).toBe("false");

    await phone.getByRole("button", { name: "Add a member" }).click();
    const second = phone.getByRole("group", { name: /^Member 2/ });
    // The new member's first field has the focus, ready to type.
    await expect
      .poll(() => second.getByLabel("First name").evaluate((el) => el === document.activeElement))
      .toBe(true);
    await fillMember(second, {
      first: "Alex",
      last: "Taylor",
      day: "2",
      month: "September",
      year: "2012",
      guardian: "Chris Taylor",
      email: "chris.taylor@example.com",
    });
    await phone.getByRole("button", { name: "Add a member" }).click();
    const third = phone.getByRole("group", { name: /^Member 3/ });
    await fillMember(third, {
      first: "Priya",
      last: "Shah",
      day: "29",
      month: "February",
      year: "2012",
      guardian: "Anita Shah",
      email: "anita.shah@example.com",
    });
    // 29 February 2012 was a real day; 29 February 2013 was not, and that is said at once.
    await third.getByLabel("Year").selectOption("2013");
    await third.getByText("That date does not exist. Check the day and month.").waitFor();
    await third.getByLabel("Year").selectOption("2012");
    await third.getByRole("group", { name: /parent or guardian/ }).waitFor();
    await third.getByText(/Dietary or medical notes/).click();
    await third.getByLabel("Dietary needs").fill("Vegetarian");

    await phone.getByLabel("Email", { exact: true }).fill("byte.club@example.com");
    await phone.getByLabel("Password").fill("byte club password");
    await screenshot(phone, "signup-phone");
    await phone.getByRole("button", { name: "Sign up team" }).click();

    await phone.waitForURL(`${server.url}/team`);
    await phone.getByRole("heading", { level: 1, name: "Byte Club" }).waitFor();
    await phone.getByText("Byte Club is signed up!").waitFor();
  });

  it("shows the team its members and each guardian's status, never a link", async () => {
    await expect.poll(() => phone.getByText("Waiting for guardian").count()).toBe(3);
    await phone.getByTestId("countdown").getByText("Hacking starts in", { exact: true }).waitFor();
    await phone.getByText("No announcements yet.", { exact: false }).waitFor();
    await phone.getByRole("link", { name: /Your project page/ }).waitFor();
    await phone.getByText("byte.club@example.com").waitFor();

    // The links went to the guardians (here, as letters in the organizer's outbox).
    const team = (await organizerApi.get<{ teams: TeamView[] }>(`/api/events/${SLUG}/teams`)).body
      .teams[0]!;
    const sam = team.members.find((m) => m.firstName === "Sam")!;
    consentUrl = await consentLinkFor(organizerApi, SLUG, sam.id);
    expect(consentUrl).toMatch(new RegExp(`^${server.url}/consent/[^/]+$`));
    for (const path of ["/team", "/team/submission"]) {
      if (path !== "/team") await phone.goto(`${server.url}${path}`);
      await phone.getByRole("heading", { level: 1 }).waitFor();
      const html = await phone.evaluate(() => document.documentElement.outerHTML);
      expect(html, `${path} shows a consent link`).not.toContain("/consent/");
      expect(html).not.toContain(tokenOf(consentUrl));
    }
    await phone.goto(`${server.url}/team`);
    await phone.getByRole("heading", { level: 1, name: "Byte Club" }).waitFor();

    // A guardian who lost theirs: the link can be sent again, once every few minutes.
    const priya = phone.getByRole("listitem").filter({ hasText: "Priya Shah" });
    await priya.getByText("Link sent").waitFor();
    const again = priya.getByRole("button", { name: "Send the link again to Priya's guardian" });
    await again.click();
    await priya.getByText(/can be sent once every 5 minutes\. Try again in 5 minutes\./).waitFor();
    server.clock.set(new Date(AT.registration.getTime() + 5 * 60 * 1000));
    await again.click();
    await priya
      .getByText(
        "A new link for Priya's guardian is ready. The organizers will print it as a letter for the guardian. The old link no longer works.",
      )
      .waitFor();
    await checkPhonePage(phone, "team dashboard");
    await screenshot(phone, "team-dashboard-phone");
  });

  it("lets a guardian consent on their phone, with photos left at no", async () => {
    const guardian = await phoneContext();
    const page = await openPage(guardian);
    await page.goto(consentUrl);
    await page
      .getByRole("heading", { level: 1, name: `Consent for Sam to take part in ${EVENT_NAME}` })
      .waitFor();
    await page.getByRole("heading", { name: "Who sees it" }).waitFor();
    await page.getByRole("heading", { name: "How long we keep it" }).waitFor();
    await checkPhonePage(page, "consent page");
    await screenshot(page, "consent-phone");

    // Nothing chosen yet: the yes or no is asked for, not assumed.
    await page.getByLabel("Your full name").fill("Chris Taylor");
    await page.getByRole("button", { name: "Send my answer" }).click();
    await page.getByText("Choose yes or no for Sam taking part.").waitFor();

    await page.getByRole("radio", { name: "Yes, Sam can take part" }).check();
    expect(await page.getByRole("radio", { name: "No photos of Sam" }).isChecked()).toBe(true);
    expect(
      await page.getByRole("radio", { name: "Yes, photos and video are fine" }).isChecked(),
    ).toBe(false);
    await page.getByRole("button", { name: "Send my answer" }).click();
    await page.getByRole("heading", { name: "Thank you" }).waitFor();
    await page.getByText(", with no photos or video.", { exact: false }).waitFor();
    await checkPhonePage(page, "consent thank-you");
    await screenshot(page, "consent-thanks-phone");

    // The link records one answer: opening it again says so calmly.
    await page.goto(consentUrl);
    await page.getByRole("heading", { name: "You have already answered" }).waitFor();
    await checkPhonePage(page, "consent already answered");

    await page.goto(`${server.url}/consent/not-a-real-token`);
    await page.getByRole("heading", { name: "This link isn't working" }).waitFor();
    await checkPhonePage(page, "unknown consent link");
    await guardian.close();

    await phone.reload();
    await phone.getByRole("heading", { level: 1, name: "Byte Club" }).waitFor();
    const sam = phone.getByRole("listitem").filter({ hasText: "Sam Taylor" });
    await sam.getByText("Consent given").waitFor();
    expect(await sam.getByRole("button", { name: /Send the link again/ }).count()).toBe(0);
  });

  it("prints the letters of the guardians still to answer from the outbox, one A4 page each", async () => {
    const desk = await browser.newContext({
      viewport: LAPTOP,
      locale: "en-GB",
      reducedMotion: "reduce",
    });
    const page = await openPage(desk);
    await page.goto(`${server.url}/signin?next=${encodeURIComponent(`/organize/${SLUG}/outbox`)}`);
    await page.getByLabel("Email").fill(ORGANIZER.email);
    await page.getByLabel("Password").fill(ORGANIZER.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { level: 1, name: "Outbox" }).waitFor();
    // Sam's guardian has answered; Alex's and Priya's letters (Priya's newest) are to print.
    await page.getByRole("link", { name: "Print 2 consent letters" }).click();
    await page.waitForURL(`${server.url}/organize/${SLUG}/letters`);
    const letters = page.getByRole("article");
    await expect.poll(() => letters.count()).toBe(2);
    const team = (await organizerApi.get<{ teams: TeamView[] }>(`/api/events/${SLUG}/teams`)).body
      .teams[0]!;
    for (const name of ["Alex", "Priya"]) {
      const member = team.members.find((m) => m.firstName === name)!;
      const letter = page.getByRole("article", { name: `Consent letter for ${name}'s guardian` });
      await letter
        .getByRole("heading", { name: `Can ${name} take part in ${EVENT_NAME}?` })
        .waitFor();
      await letter.getByText(await consentLinkFor(organizerApi, SLUG, member.id)).waitFor();
      await letter
        .getByRole("img", { name: `QR code of the consent link for ${name}'s guardian` })
        .waitFor();
      await letter.getByText(/medical and dietary notes/).waitFor();
      await letter.getByText(/^Photos and video: only if you say yes separately/).waitFor();
    }
    // Nothing the letter's carriers should read: no date of birth, no notes, no last name.
    const text = (await page.locator(".print-sheet").textContent()) ?? "";
    for (const secret of ["2012", "Vegetarian", "Shah", "Taylor"])
      expect(text, `a letter shows "${secret}"`).not.toContain(secret);
    await expectNoAxeViolations(page, "consent letters");
    await screenshot(page, "organizer-consent-letters");

    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".consent-letter-toolbar").isVisible()).toBe(false);
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    writePdf(pdf, "organizer-consent-letters");
    // Every line fits on its page: nothing is cut off at the bottom.
    const heights = await page
      .locator(".consent-letter-page")
      .evaluateAll((els) => els.map((el) => [el.scrollHeight, el.clientHeight]));
    for (const [content, page] of heights) expect(content).toBeLessThanOrEqual(page! + 1);
    await page.emulateMedia({ media: "screen" });
    // One A4 page (595 × 842 points) per letter.
    const pages = [...pdf.toString("latin1").matchAll(/\/Type\s*\/Page[^s]/g)];
    expect(pages).toHaveLength(2);
    expect(pdf.toString("latin1")).toMatch(/\/MediaBox\s*\[\s*0 0 59[45]\.\d+ 841\.\d+\s*\]/);

    // The preview fits a phone too.
    await page.setViewportSize(PHONE);
    await expectNoSidewaysScroll(page, "consent letters on a phone");
    await page.setViewportSize(LAPTOP);

    // One letter on its own, from its email.
    await page.goto(`${server.url}/organize/${SLUG}/outbox`);
    await page
      .getByRole("link", { name: /Print as a letter/ })
      .first()
      .click();
    await expect.poll(() => page.getByRole("article").count()).toBe(1);
    await page.getByRole("button", { name: "Print 1 letter" }).waitFor();
    await desk.close();
  });

  it("refuses check-in until the organizer records paper consent, then checks the team in", async () => {
    const desk = await browser.newContext({
      viewport: LAPTOP,
      locale: "en-GB",
      reducedMotion: "reduce",
    });
    const page = await openPage(desk);
    await signInOrganizerAt(page, server.url, `/organize/${SLUG}/teams`);
    await page.getByRole("heading", { level: 1, name: "Teams" }).waitFor();
    await page.getByRole("link", { name: /Dietary and medical notes/ }).waitFor();
    await page.getByTestId("countdown").waitFor();

    const team = page
      .getByRole("listitem")
      .filter({ has: page.getByRole("heading", { name: "Byte Club" }) });
    await team.getByRole("button", { name: "Check in Byte Club" }).click();
    await team
      .getByRole("alert")
      .getByText(
        "This team can't check in yet: consent is missing for Alex (no answer yet), Priya (no answer yet).",
        { exact: false },
      )
      .waitFor();
    await expectNoAxeViolations(page, "teams with a refused check-in");
    await screenshot(page, "organizer-teams-refused");

    // Filters: only teams still missing consent, then a search that matches nobody.
    await page.getByLabel("Consent").selectOption({ label: "Someone is missing consent" });
    await team.waitFor();
    await page.getByLabel("Search").fill("nobody like this");
    await page.getByText("No teams match").waitFor();
    await page.getByLabel("Search").fill("st marys");
    await team.waitFor();
    await page.getByLabel("Consent").selectOption({ label: "Any" });

    for (const name of ["Alex Taylor", "Priya Shah"]) {
      await team.getByRole("button", { name: `Record an answer for ${name}` }).click();
      const form = team.getByRole("group", { name: `Record an answer for ${name}` });
      // A paper form saying yes is the default; photo consent is its own choice, and starts at no.
      expect(await form.getByLabel("On a paper form").isChecked()).toBe(true);
      expect(await form.getByLabel("The guardian says yes to photos").isChecked()).toBe(false);
      await form.getByRole("button", { name: "Save the answer" }).click();
      await form.waitFor({ state: "detached" });
    }
    await expect.poll(() => team.getByText("Consent given").count()).toBe(3);
    await team.getByRole("button", { name: "Check in Byte Club" }).click();
    await team.getByText(/Checked in at/).waitFor();
    await expect
      .poll(() => team.getByRole("button", { name: "Check in Byte Club" }).count())
      .toBe(0);
    await expectNoAxeViolations(page, "teams, checked in");
    await screenshot(page, "organizer-teams-roster");

    // The CSV roster downloads without dietary or medical notes.
    const roster = await organizerApi.get<string>(`/api/events/${SLUG}/exports/roster.csv`);
    expect(roster.status).toBe(200);
    expect(String(roster.body)).toContain("Byte Club");
    expect(String(roster.body)).not.toContain("Vegetarian");

    await page
      .getByRole("navigation", { name: "Event sections" })
      .getByRole("link", { name: "Outbox" })
      .click();
    await page.getByRole("heading", { level: 1, name: "Outbox" }).waitFor();
    await page.getByText("Emails are not being sent").waitFor();
    // Sam's guardian answered by link, Alex's and Priya's on paper; Priya's first link was replaced.
    const badges = page.locator(".outbox-item .badge");
    await expect
      .poll(async () => (await badges.allTextContents()).map((t) => t.trim()).sort())
      .toEqual(["Answered", "Answered", "Answered", "Replaced"]);
    expect(await page.getByRole("link", { name: /Print/ }).count()).toBe(0);
    await page.getByText("Every consent letter has been sent or answered.").waitFor();
    await expectNoAxeViolations(page, "outbox");
    await screenshot(page, "organizer-outbox");

    // An announcement reaches the team's page live.
    await page
      .getByRole("navigation", { name: "Event sections" })
      .getByRole("link", { name: "Announcements" })
      .click();
    await page.getByLabel("New announcement").fill("Doors open at 8:30. Bring a laptop charger!");
    await page.getByRole("button", { name: "Post announcement" }).click();
    await page.getByText("Posted. It's on the display now.").waitFor();
    await phone.getByText("Doors open at 8:30. Bring a laptop charger!").waitFor();

    // The organizer's live sections work on a phone too.
    await page.setViewportSize(PHONE);
    for (const section of ["teams", "clock", "announcements", "outbox"]) {
      await page.goto(`${server.url}/organize/${SLUG}/${section}`);
      await page.getByRole("heading", { level: 1 }).waitFor();
      await page.getByTestId("countdown").first().waitFor();
      await checkPhonePage(page, `organizer ${section} on a phone`);
      await screenshot(page, `organizer-${section}-phone`);
    }
    await desk.close();

    await phone.reload();
    await phone.getByText(/Checked in at/).waitFor();
    await checkPhonePage(phone, "team dashboard, checked in");
    await screenshot(phone, "team-dashboard-checked-in-phone");
    await student.close();
  });

  it("logged no console errors or CSP refusals on any page", () => {
    expect(consoleErrors.flat()).toEqual([]);
  });
});
