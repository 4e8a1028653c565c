/**
 * Keyboard only, end to end: a student signs a team up from the public event page, and a
 * judge signs in and scores that same team, with nothing but Tab, Shift+Tab, Enter, Space,
 * the arrow keys and typing. No click, fill or focus() on the pages under test. Each step
 * checks where the focus is, that it is visibly marked, and that what was typed reached the
 * server (once). Every page is checked with axe-core and screenshots go to test-results/.
 */
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FeedbackOverview, Leaderboard, TeamView } from "../../shared/api";
import { signInOrganizer } from "../helpers/factories";
import { Client } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";
import {
  CLIENT_DIR,
  expectNoAxeViolations,
  launchBrowser,
  screenshot,
  watchConsole,
} from "./browser";
import { checkIn, signIn } from "./eventSetup";
import { AT, createLiveEvent } from "./liveEvent";

const LAPTOP = { width: 1280, height: 800 };
const SLUG = "hmj-2026";
const SCHOOL = "St Mary's High School";
const TEAM = "Keyboard Kids";
const CONTACT = { email: "keyboard.kids@example.com", password: "short but long enough now" };
const JUDGE = { name: "Kim Keys", email: "kim.keys@example.com", password: "judge on a keyboard" };

let server: TestServer;
let browser: Browser;
let organizerApi: Client;
let categories: Record<string, string>;
const consoleErrors: string[][] = [];

beforeAll(async () => {
  server = await startTestServer({ clientDir: CLIENT_DIR });
  ({ organizer: organizerApi, categories } = await createLiveEvent(server, SLUG));
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function keyboardPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: LAPTOP,
    locale: "en-GB",
    reducedMotion: "reduce",
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  consoleErrors.push(watchConsole(page));
  return { context, page };
}

/** What has the focus, in words, so a failure says where the focus went instead. */
function describeFocus(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return "nothing (the body)";
    const labelled = (el as HTMLInputElement).labels?.[0]?.textContent;
    const name = el.getAttribute("aria-label") ?? labelled ?? el.textContent ?? "";
    const type = el.getAttribute("type");
    return `<${el.tagName.toLowerCase()}${type ? ` type=${type}` : ""}> "${name.trim().slice(0, 60)}"`;
  });
}

/** Waits until `target` has the focus; `what` names it in the failure message. */
async function expectFocus(page: Page, target: Locator, what: string) {
  await expect
    .poll(
      async () => {
        const focused = await target
          .evaluate((el) => el === document.activeElement, undefined, { timeout: 1_000 })
          .catch(() => false);
        return focused ? what : `not ${what} but ${await describeFocus(page)}`;
      },
      { timeout: 15_000, interval: 100 },
    )
    .toBe(what);
}

/** One Tab (or Shift+Tab) must land exactly on `target`: the tab order is the reading order. */
async function tab(page: Page, target: Locator, what: string, key = "Tab") {
  await page.keyboard.press(key);
  await expectFocus(page, target, what);
}

/**
 * Presses Tab until `target` has the focus, failing after `most` presses: for reaching a
 * control past parts of the page (header, status strip) whose stops this test doesn't pin.
 */
async function tabTo(page: Page, target: Locator, what: string, most: number, key = "Tab") {
  const path: string[] = [];
  for (let i = 0; i < most; i++) {
    await page.keyboard.press(key);
    const here = await target.evaluate((el) => el === document.activeElement);
    if (here) return;
    path.push(await describeFocus(page));
  }
  expect.fail(`${what} not reached with ${most} × ${key}; the focus went: ${path.join(" → ")}`);
}

/**
 * The focused control must show it: keyboard focus matches :focus-visible, and the control,
 * or the label that draws it when the input itself is invisible, has an outline of at least
 * 2px that stands out 3:1 from every colour behind it (WCAG 1.4.11): a brand-coloured ring
 * on a brand-coloured banner is there in the CSS but not on the screen.
 */
async function expectFocusRing(page: Page, what: string) {
  const ring = await page.evaluate(() => {
    const rgb = (text: string) =>
      [...text.matchAll(/rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/g)]
        .map((m) => ({
          c: [m[1], m[2], m[3]].map(Number),
          a: m[4] === undefined ? 1 : Number(m[4]),
        }))
        .filter((x) => x.a > 0)
        .map((x) => x.c);
    const luminance = (c: number[]) => {
      const [r = 0, g = 0, b = 0] = c.map((v) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const contrast = (x: number[], y: number[]) => {
      const [hi, lo] = [luminance(x), luminance(y)].sort((a, b) => b - a) as [number, number];
      return (hi + 0.05) / (lo + 0.05);
    };
    /** The colours the outline is drawn over: the nearest painted ancestor's. */
    const behind = (el: Element) => {
      for (let node = el.parentElement; node; node = node.parentElement) {
        const s = getComputedStyle(node);
        const colours = [...rgb(s.backgroundImage), ...rgb(s.backgroundColor)];
        if (colours.length > 0) return colours;
      }
      return [[255, 255, 255]];
    };

    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return "nothing focused";
    if (!el.matches(":focus-visible")) return "focus is not :focus-visible";
    const found: string[] = [];
    for (const drawn of [el, el.closest("label")]) {
      if (!drawn) continue;
      const s = getComputedStyle(drawn);
      if (s.opacity === "0" || s.outlineStyle === "none") continue;
      const width = Number.parseFloat(s.outlineWidth);
      const colour = rgb(s.outlineColor)[0];
      if (!colour || width < 2) {
        found.push(`a ${s.outlineWidth} ${s.outlineColor} outline`);
        continue;
      }
      const worst = Math.min(...behind(drawn).map((b) => contrast(colour, b)));
      if (worst >= 3) return "visible";
      found.push(`an outline at ${worst.toFixed(2)}:1 against what is behind it`);
    }
    return found.length > 0 ? found.join("; ") : "no outline";
  });
  expect(ring, `focus ring on ${what}`).toBe("visible");
}

const isChecked = (radio: Locator) => radio.evaluate((el) => (el as HTMLInputElement).checked);

/** Presses a key `times` times. */
async function press(page: Page, key: string, times: number) {
  for (let i = 0; i < times; i++) await page.keyboard.press(key);
}

interface MemberKeys {
  first: string;
  last: string;
  /** Typed into the closed <select>s: Chromium picks the option the typing starts. */
  day: string;
  month: string;
  year: string;
  guardian: string;
  email: string;
}

/** From the member's focused first name, types every field in tab order, ending on its notes. */
async function typeMember(page: Page, group: Locator, m: MemberKeys) {
  await expectFocus(page, group.getByLabel("First name"), "First name");
  await expectFocusRing(page, "first name");
  await page.keyboard.type(m.first);
  await tab(page, group.getByLabel("Last name"), "Last name");
  await page.keyboard.type(m.last);
  await tab(page, group.getByLabel("Day"), "Day");
  await expectFocusRing(page, "day of birth");
  await page.keyboard.type(m.day);
  await tab(page, group.getByLabel("Month"), "Month");
  await page.keyboard.type(m.month);
  await tab(page, group.getByLabel("Year"), "Year");
  await page.keyboard.type(m.year);
  await tab(page, group.getByLabel("School"), "School");
  await page.keyboard.type(SCHOOL);
  await tab(page, group.getByLabel("Guardian's name"), "Guardian's name");
  await page.keyboard.type(m.guardian);
  await tab(page, group.getByLabel("Guardian's email"), "Guardian's email");
  await page.keyboard.type(m.email);
  await tab(page, group.getByLabel("Guardian's phone"), "Guardian's phone (optional)");
  await tab(page, group.locator("summary"), "the notes disclosure");
  await expectFocusRing(page, "the notes disclosure");
}

describe("signing up and scoring with the keyboard alone", () => {
  let student: BrowserContext;
  let judgeContext: BrowserContext;
  let teamId = "";

  it("signs a team of two up from the event page with Tab, typing, arrows and Enter", async () => {
    const opened = await keyboardPage();
    student = opened.context;
    const page = opened.page;
    await page.goto(`${server.url}/events/${SLUG}`);
    const signUp = page.getByRole("link", { name: "Sign up a team" });
    await signUp.waitFor();

    // The first Tab offers the skip link; it jumps past the header to the page itself.
    const skip = page.getByRole("link", { name: "Skip to main content" });
    await tab(page, skip, "the skip link");
    await expectFocusRing(page, "the skip link");
    expect((await skip.boundingBox())?.y ?? -1, "skip link shown when focused").toBeGreaterThan(0);
    await page.keyboard.press("Enter");
    await expectFocus(page, page.locator("main"), "main");
    await tab(page, signUp, "Sign up a team");
    await expectFocusRing(page, "the sign-up link");
    await expectNoAxeViolations(page, "event page");
    await screenshot(page, "keyboard-event-page-focus");
    await page.keyboard.press("Enter");

    // The new page starts the keyboard at its top, not wherever the link was.
    await page.waitForURL(`${server.url}/events/${SLUG}/register`);
    await page.getByRole("heading", { level: 1, name: "Sign up a team" }).waitFor();
    await expectFocus(page, page.locator("main"), "main");
    await tab(page, page.getByRole("link", { name: "About the event" }), "the back link");
    await expectNoAxeViolations(page, "sign-up, empty");

    await tab(page, page.getByLabel("Team name"), "Team name");
    await expectFocusRing(page, "team name");
    await page.keyboard.type(TEAM);

    // The category is one radio group: Tab enters it, the arrows move and choose.
    const strict = page.getByRole("radio", { name: /Pre-University Challenge/ });
    const open = page.getByRole("radio", { name: /Best Game/ });
    await tab(page, strict, "the first category");
    await expectFocusRing(page, "the category choice");
    await page.keyboard.press("ArrowDown");
    await expectFocus(page, open, "Best Game");
    expect(await isChecked(open)).toBe(true);
    await page.keyboard.press("ArrowUp");
    await expectFocus(page, strict, "Pre-University Challenge");
    expect(await isChecked(strict)).toBe(true);
    expect(await isChecked(open)).toBe(false);
    await page.getByText("In this category all members must be from the same school.").waitFor();
    await screenshot(page, "keyboard-signup-category-focus");

    const first = page.getByRole("group", { name: /^Member 1/ });
    await page.keyboard.press("Tab");
    await typeMember(page, first, {
      first: "Sam",
      last: "Taylor",
      day: "10",
      month: "March",
      year: "2011",
      guardian: "Chris Taylor",
      email: "chris.taylor@example.com",
    });
    // Enter opens the private notes; their fields join the tab order.
    await page.keyboard.press("Enter");
    await tab(page, first.getByLabel("Dietary needs"), "Dietary needs");
    await page.keyboard.type("Vegetarian");
    await tab(page, first.getByLabel("Medical notes"), "Medical notes");

    // "Add a member" takes the focus straight to the new member's first name.
    const add = page.getByRole("button", { name: /Add a member/ });
    await tab(page, add, "Add a member");
    await expectFocusRing(page, "Add a member");
    await page.keyboard.press("Enter");
    const second = page.getByRole("group", { name: /^Member 2/ });
    await typeMember(page, second, {
      first: "Alex",
      last: "Taylor",
      day: "2",
      month: "September",
      year: "2012",
      guardian: "Chris Taylor",
      email: "chris.taylor@example.com",
    });
    await tab(page, add, "Add a member");

    // A member added by mistake is removed from the keyboard, and the focus is not lost.
    await page.keyboard.press("Space");
    const third = page.getByRole("group", { name: /^Member 3/ });
    await expectFocus(page, third.getByLabel("First name"), "Member 3's first name");
    await tab(page, third.getByRole("button", { name: "Remove Member 3" }), "Remove", "Shift+Tab");
    await expectFocusRing(page, "Remove Member 3");
    await page.keyboard.press("Enter");
    await expect.poll(() => third.count()).toBe(0);
    await expectFocus(page, add, "Add a member, after the removal");

    // The member's own answers show back: the dates chosen by typing are the ones meant.
    expect(await first.getByLabel("Day").inputValue()).toBe("10");
    expect(await first.getByLabel("Month").inputValue()).toBe("3");
    expect(await first.getByLabel("Year").inputValue()).toBe("2011");
    expect(await second.getByLabel("Month").inputValue()).toBe("9");

    await tab(page, page.getByLabel("Email", { exact: true }), "the team's email");
    await page.keyboard.type(CONTACT.email);
    await tab(page, page.getByLabel("Password"), "the team's password");
    await page.keyboard.type("short");
    const submit = page.getByRole("button", { name: "Sign up team" });
    await tab(page, submit, "Sign up team");
    await expectFocusRing(page, "Sign up team");
    await expectNoAxeViolations(page, "sign-up, filled in");
    await screenshot(page, "keyboard-signup-filled");

    // A refusal sends the focus to the field to fix; typing on puts it right.
    await page.keyboard.press("Enter");
    await expectFocus(page, page.getByLabel("Password"), "the password, marked wrong");
    expect(await page.getByLabel("Password").getAttribute("aria-invalid")).toBe("true");
    await page.getByText("Some details need fixing.", { exact: false }).waitFor();
    await expectNoAxeViolations(page, "sign-up with a refused password");
    await screenshot(page, "keyboard-signup-refused");
    await page.keyboard.type(CONTACT.password.slice("short".length));
    await tab(page, submit, "Sign up team");
    await page.keyboard.press("Enter");

    await page.waitForURL(`${server.url}/team`);
    await page.getByRole("heading", { level: 1, name: TEAM }).waitFor();
    await page.getByText(`${TEAM} is signed up!`).waitFor();
    await expectFocus(page, page.locator("main"), "main, on the team's page");
    await expectNoAxeViolations(page, "team page after a keyboard sign-up");
    await screenshot(page, "keyboard-team-page");

    // What was typed is what the server keeps.
    const { body } = await organizerApi.get<{ teams: TeamView[] }>(`/api/events/${SLUG}/teams`);
    expect(body.teams.map((t) => t.name)).toEqual([TEAM]);
    const team = body.teams[0]!;
    teamId = team.id;
    expect(team.categoryId).toBe(categories["Pre-University Challenge"]);
    expect(team.contactEmail).toBe(CONTACT.email);
    const members = [...team.members].sort((a, b) => a.firstName.localeCompare(b.firstName));
    expect(
      members.map((m) => [m.firstName, m.lastName, m.dateOfBirth, m.school, m.dietary]),
    ).toEqual([
      ["Alex", "Taylor", "2012-09-02", SCHOOL, null],
      ["Sam", "Taylor", "2011-03-10", SCHOOL, "Vegetarian"],
    ]);
    expect(team.members.map((m) => m.guardian.email)).toEqual([
      "chris.taylor@example.com",
      "chris.taylor@example.com",
    ]);
    await student.close();
  });

  it("lets a judge sign in and score that team with the keyboard, saved exactly once", async () => {
    // The help desk checks the team in, it hands in its project, and a judge is invited.
    await checkIn(organizerApi, SLUG, teamId);
    server.clock.set(AT.hacking);
    const teamApi = await signIn(server, CONTACT);
    const sent = await teamApi.request("PUT", "/api/teams/me/submission", {
      title: "Tab Tutor",
      summary: "Teaches you every keyboard shortcut.",
      demoUrl: "https://example.com/demo",
      repoUrl: "https://example.com/code",
      builtWith: ["TypeScript"],
    });
    expect(sent.status).toBe(200);
    server.clock.set(AT.judging);
    // A fortnight on, the organizer's session from sign-up time has expired: sign in again.
    organizerApi = await signInOrganizer(server.url, server.database);
    const invite = await organizerApi.post<{ inviteUrl: string }>(`/api/events/${SLUG}/judges`, {
      name: JUDGE.name,
      email: JUDGE.email,
      schools: [],
      categoryIds: [categories["Pre-University Challenge"]],
    });
    expect(invite.status).toBe(201);
    const token = invite.body.inviteUrl.split("/").pop();
    const accepted = await new Client(server.url).post(`/api/invites/${token}`, {
      password: JUDGE.password,
    });
    expect(accepted.status).toBe(200);

    const opened = await keyboardPage();
    judgeContext = opened.context;
    const page = opened.page;
    await page.goto(`${server.url}/signin`);
    const email = page.getByLabel("Email");
    await email.waitFor();
    await tabTo(page, email, "the email field", 5);
    await expectFocusRing(page, "the email field");
    await expectNoAxeViolations(page, "sign-in");
    await page.keyboard.type(JUDGE.email);
    await tab(page, page.getByLabel("Password"), "the password field");
    await page.keyboard.type(JUDGE.password);
    const signInButton = page.getByRole("button", { name: "Sign in" });
    await tab(page, signInButton, "Sign in");
    await expectFocusRing(page, "Sign in");
    await page.keyboard.press("Enter");

    await page.waitForURL(`${server.url}/judge`);
    await page.getByRole("heading", { level: 1, name: "Teams to score" }).waitFor();
    await page.getByText("Not started").waitFor();
    await expectFocus(page, page.locator("main"), "main, on the judge's home");
    const card = page.getByRole("link", { name: new RegExp(TEAM) });
    await tabTo(page, card, `${TEAM}'s card`, 12);
    await expectFocusRing(page, "the team card");
    await expectNoAxeViolations(page, "judge home");
    await screenshot(page, "keyboard-judge-home-focus");
    await page.keyboard.press("Enter");

    await page.waitForURL(`${server.url}/judge/teams/${teamId}`);
    await page.getByRole("heading", { level: 1, name: TEAM }).waitFor();
    await page.getByRole("heading", { name: "Tab Tutor" }).waitFor();
    await expectFocus(page, page.locator("main"), "main, on the scoring page");

    const radio = (criterion: string, n: number) =>
      page
        .getByRole("radiogroup", { name: new RegExp(`^${criterion}`) })
        .getByRole("radio", { name: String(n), exact: true });
    /** From a criterion's scores: Tab to its comment, then to "Share with the team", untouched. */
    const tabPastComment = async (criterion: string) => {
      await tab(page, page.getByLabel(`Comment on ${criterion}`), `${criterion}'s comment`);
      await expectFocusRing(page, `${criterion}'s comment`);
      const share = page
        .getByRole("group", { name: `Who can read it? (your comment on ${criterion})` })
        .getByRole("radio", { name: "Share with the team" });
      await tab(page, share, `who reads ${criterion}'s comment`);
      expect(await isChecked(share)).toBe(true);
    };

    // Nothing chosen yet: Tab enters each criterion at 0, the arrows choose.
    await tabTo(page, radio("Innovation", 0), "Innovation's scores", 12);
    await expectFocusRing(page, "Innovation's scores");
    await press(page, "ArrowRight", 8);
    await expectFocus(page, radio("Innovation", 8), "Innovation 8");
    expect(await isChecked(radio("Innovation", 8))).toBe(true);
    await page.getByText("8 out of 10").waitFor();

    // Under each criterion come its optional comment and who may read it (one stop: the
    // chosen option, sharing by default), then the next criterion.
    await tabPastComment("Innovation");

    // End jumps to the top score, then the arrows come back down.
    await tab(page, radio("Technical", 0), "Technical's scores");
    await page.keyboard.press("End");
    await expectFocus(page, radio("Technical", 10), "Technical 10");
    expect(await isChecked(radio("Technical", 10))).toBe(true);
    await press(page, "ArrowLeft", 4);
    await expectFocus(page, radio("Technical", 6), "Technical 6");
    await expectFocusRing(page, "Technical's scores");
    await screenshot(page, "keyboard-score-radio-focus");

    await tabPastComment("Technical");
    await tab(page, radio("Presentation", 0), "Presentation's scores");
    await press(page, "ArrowRight", 4);
    await expectFocus(page, radio("Presentation", 4), "Presentation 4");
    await tabPastComment("Presentation");

    for (const [criterion, value] of [
      ["Innovation", 8],
      ["Technical", 6],
      ["Presentation", 4],
    ] as const)
      expect(await isChecked(radio(criterion, value)), `${criterion} ${value}`).toBe(true);

    const comment = page.getByLabel("Overall comment");
    await tab(page, comment, "the comment");
    await expectFocusRing(page, "the comment");
    await page.keyboard.type("Clear demo, all from the keyboard.");
    // The arrows switch the overall comment to "Organizers only".
    const overall = page.getByRole("group", { name: "Who can read it? (your comment)" });
    await tab(page, overall.getByRole("radio", { name: "Share with the team" }), "share overall");
    await expectFocusRing(page, "the overall comment's share choice");
    await page.keyboard.press("ArrowRight");
    const privately = overall.getByRole("radio", { name: "Organizers only" });
    await expectFocus(page, privately, "Organizers only");
    expect(await isChecked(privately)).toBe(true);
    await tab(page, page.getByRole("button", { name: "Save and next team" }), "Save and next");
    const save = page.getByRole("button", { name: "Save", exact: true });
    await tab(page, save, "Save");
    await expectFocusRing(page, "Save");
    await page.getByText("Not saved yet").waitFor();
    await expectNoAxeViolations(page, "scoring page, scored");
    await screenshot(page, "keyboard-score-filled");

    await page.keyboard.press("Space");
    // The save line is a live region, so the result is announced as well as shown.
    const saveLine = page.locator(".judge-save-line");
    expect(await saveLine.getAttribute("role")).toBe("status");
    await expect
      .poll(() => saveLine.textContent(), { timeout: 15_000 })
      .toMatch(/^\s*Saved \d\d:\d\d$/);
    // The judge stays on the button they pressed, ready to go on.
    await expectFocus(page, save, "Save, after saving");
    await expectNoAxeViolations(page, "scoring page, saved");
    await screenshot(page, "keyboard-score-saved");

    // On the server: one entry per criterion and one for the comment, counted once.
    const log = await organizerApi.get<{
      log: { teamName: string; criterionName: string | null; newValue: number | null }[];
    }>(`/api/events/${SLUG}/scores/log`);
    const entries = log.body.log.filter((e) => e.teamName === TEAM);
    expect(
      entries
        .filter((e) => e.criterionName !== null)
        .map((e) => [e.criterionName, e.newValue])
        .sort(),
    ).toEqual([
      ["Innovation", 8],
      ["Presentation", 4],
      ["Technical", 6],
    ]);
    expect(entries.filter((e) => e.criterionName === null)).toHaveLength(1);
    const board = await organizerApi.get<Leaderboard>(`/api/events/${SLUG}/leaderboard`);
    const row = board.body.categories.flatMap((c) => c.teams).find((t) => t.teamName === TEAM);
    expect(row?.judgeCount).toBe(1);
    // 100 × (3×8 + 2×6 + 1×4) / (3×10 + 2×10 + 1×5) = 72.7
    expect(row?.score).toBeCloseTo(72.7, 1);
    const feedback = await organizerApi.get<FeedbackOverview>(`/api/events/${SLUG}/feedback`);
    expect(feedback.body.categories.flatMap((c) => c.teams).flatMap((t) => t.comments)).toEqual([
      expect.objectContaining({
        judgeName: JUDGE.name,
        criterionName: null,
        text: "Clear demo, all from the keyboard.",
        shared: false,
      }),
    ]);

    // Back to the list from the keyboard: the card now says it is scored.
    const back = page.getByRole("link", { name: "Teams (1 of 1 scored)" });
    await tabTo(page, back, "the link back to the teams", 25, "Shift+Tab");
    await expectFocusRing(page, "the link back to the teams");
    await page.keyboard.press("Enter");
    await page.waitForURL(`${server.url}/judge`);
    await expectFocus(page, page.locator("main"), "main, back on the judge's home");
    await page.getByText("Scored", { exact: true }).waitFor();
    await expectNoAxeViolations(page, "judge home, scored");
    await screenshot(page, "keyboard-judge-home-scored");
    await judgeContext.close();
  });

  it("logged no console errors or CSP refusals", () => {
    expect(consoleErrors.flat()).toEqual([]);
  });
});
