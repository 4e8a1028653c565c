/**
 * A school's teacher on a 390 px phone: the organizer invites them from the Teachers section
 * (link and QR code), they set a password from the link, sign up two teams of three pupils in
 * one go, see a guardian's answer arrive on their page without reloading it, and check both
 * teams in at the desk once every guardian has said yes.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TeamView } from "../../shared/api";
import { consentLinkFor, tokenOf } from "../helpers/guardians";
import { Client } from "../helpers/http";
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
import { createEvent, REGISTRATION } from "./eventSetup";

const SLUG = "hmj-teachers";
let server: TestServer;
let organizer: Client;
let browser: Browser;
const contexts: BrowserContext[] = [];
const consoleErrors: string[][] = [];

async function newPhone(): Promise<Page> {
  const context = await browser.newContext(PHONE_CONTEXT);
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  consoleErrors.push(watchConsole(page));
  return page;
}

beforeAll(async () => {
  server = await startTestServer({ clientDir: CLIENT_DIR });
  ({ organizer } = await createEvent(server, SLUG, "Pre-University Challenge"));
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.close();
});

type Pupil = readonly [first: string, last: string, day: string, month: string, year: string];
const PUPILS: readonly Pupil[] = [
  ["Ada", "Lovelace", "3", "February", "2011"],
  ["Alan", "Turing", "23", "June", "2012"],
  ["Grace", "Hopper", "9", "December", "2011"],
  ["Katherine", "Johnson", "26", "August", "2012"],
  ["Tim", "Berners-Lee", "8", "June", "2011"],
  ["Sophie", "Wilson", "1", "May", "2013"],
];

async function fillTeam(page: Page, t: number, name: string, pupils: readonly Pupil[]) {
  const team = page.locator("fieldset.teacher-register-team").nth(t);
  await team.getByLabel("Team name").fill(name);
  for (let p = 0; p < pupils.length; p++) {
    if (p > 0) await team.getByRole("button", { name: `Add a pupil to team ${t + 1}` }).click();
    const [first, last, day, month, year] = pupils[p]!;
    const pupil = team.locator("fieldset.member").nth(p);
    await pupil.getByLabel("First name").fill(first);
    await pupil.getByLabel("Last name").fill(last);
    await pupil.getByLabel("Day").selectOption(day);
    await pupil.getByLabel("Month").selectOption({ label: month });
    await pupil.getByLabel("Year").selectOption(year);
    await pupil.getByLabel("Guardian's name").fill(`Pat ${last}`);
    await pupil.getByLabel("Guardian's email").fill(`${first.toLowerCase()}.home@example.com`);
  }
  await team
    .getByLabel("Email", { exact: true })
    .fill(`${name.split(" ")[0]!.toLowerCase()}@oak.example.com`);
  await team.getByLabel("Password").fill("oak team password");
}

describe("a teacher on a phone", () => {
  it("is invited, signs up two teams of three, and sees a guardian's answer arrive", async () => {
    const desk = await newPhone();
    await signInOrganizerAt(desk, server.url, `/organize/${SLUG}/teachers`);
    await desk.getByText("No teachers yet").waitFor();
    await desk.getByLabel("Name").fill("Mr Birch");
    await desk.getByLabel("Email").fill("birch@oak.example.com");
    await desk.getByLabel("School").fill("Oak School");
    await desk.getByLabel(/^Phone/).fill("0161 496 0000");
    await desk.getByRole("button", { name: "Invite teacher" }).click();
    await desk.getByRole("heading", { name: "Send this link to Mr Birch" }).waitFor();
    await desk.getByRole("img", { name: /QR code of the invite link for Mr Birch/ }).waitFor();
    const inviteUrl = await desk.getByRole("textbox", { name: "Invite link" }).inputValue();
    expect(inviteUrl).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
    await desk.getByRole("heading", { name: "Mr Birch", exact: true }).waitFor();
    await expectNoAxeViolations(desk, "organizer's teachers");
    await expectNoSidewaysScroll(desk, "organizer's teachers");
    await screenshot(desk, "teachers-organizer-invite");

    const phone = await newPhone();
    await phone.goto(inviteUrl);
    await phone.getByRole("heading", { name: /bring Oak School's teams/ }).waitFor();
    await expectNoAxeViolations(phone, "teacher's invite");
    await phone.getByLabel("Password", { exact: true }).fill("teacher password");
    await phone.getByLabel("Type the password again").fill("teacher password");
    await phone.getByRole("button", { name: "Set password and start" }).click();
    await phone.waitForURL(`${server.url}/teacher`);
    await phone.getByText(/No teams from your school yet/).waitFor();
    // The organizer's list hears of the acceptance without a reload.
    await desk.getByText("Accepted").waitFor();

    await phone.getByRole("button", { name: "Sign up teams" }).click();
    await fillTeam(phone, 0, "Oak Coders", PUPILS.slice(0, 3));
    await phone.getByRole("button", { name: "Add another team" }).click();
    await fillTeam(phone, 1, "Acorn Apps", PUPILS.slice(3));
    await expectNoAxeViolations(phone, "teacher's sign-up form");
    await expectNoSidewaysScroll(phone, "teacher's sign-up form");
    await screenshot(phone, "teachers-signup-form");
    await phone.getByRole("button", { name: "Sign up 2 teams" }).click();
    await phone.getByText("2 teams signed up.", { exact: false }).waitFor();
    await phone.getByRole("heading", { name: "Oak Coders" }).waitFor();
    await phone.getByRole("heading", { name: "Acorn Apps" }).waitFor();
    await expect.poll(() => phone.locator(".teacher-pupil").count()).toBe(6);
    await phone.getByText("6 pupils waiting for a guardian's answer").waitFor();

    // Grace is better placed with Acorn Apps: the teacher moves her there.
    await phone.getByLabel("Move Grace to another team").selectOption({ label: "Acorn Apps" });
    const acorn = phone.locator(".teacher-team", {
      has: phone.getByRole("heading", { name: "Acorn Apps" }),
    });
    await acorn.getByText("Grace Hopper").waitFor();
    await expect.poll(() => acorn.locator(".teacher-pupil").count()).toBe(4);

    // A guardian lost the email: the teacher sends the link again, and never sees it.
    server.clock.set(new Date(REGISTRATION.getTime() + 6 * 60_000));
    const waiting = phone.locator(".teacher-waiting");
    await waiting.getByRole("button", { name: "Send the link again to Alan's guardian" }).click();
    await waiting.getByText("A new link for Alan's guardian is ready.", { exact: false }).waitFor();
    expect(await phone.locator("main").textContent()).not.toMatch(/\/consent\//);
    await screenshot(phone, "teachers-waiting-list");

    // A guardian answers from the link in their email, while the teacher's page stays open.
    const teams = await organizer.get<{ teams: TeamView[] }>(`/api/events/${SLUG}/teams`);
    const ada = teams.body.teams.flatMap((t) => t.members).find((m) => m.firstName === "Ada");
    expect(ada).toBeDefined();
    const token = tokenOf(await consentLinkFor(organizer, SLUG, ada!.id));
    const answer = await new Client(server.url).post(`/api/consent/${token}`, {
      guardianName: "Pat Lovelace",
      consent: true,
      photoConsent: false,
    });
    expect(answer.status).toBe(200);
    await phone.locator(`[data-pupil="${ada!.id}"]`).getByText("Consent given").waitFor();
    await phone.getByText("5 pupils waiting for a guardian's answer").waitFor();
    await expect.poll(() => waiting.locator(".teacher-waiting-pupil").count()).toBe(5);
    await expectNoAxeViolations(phone, "teacher's page");
    await expectNoSidewaysScroll(phone, "teacher's page");
    await screenshot(phone, "teachers-consent-live");

    // At the desk: refused while answers are missing, then every team in one step.
    await phone.getByRole("button", { name: "Check in all 2 teams" }).click();
    await phone.getByText(/No team was checked in: a guardian's yes is still missing/).waitFor();
    for (const member of teams.body.teams.flatMap((t) => t.members)) {
      if (member.id === ada!.id) continue;
      const team = teams.body.teams.find((t) => t.members.some((m) => m.id === member.id))!;
      const paper = await organizer.post(
        `/api/events/${SLUG}/teams/${team.id}/members/${member.id}/consent`,
        { method: "paper", photoConsent: false },
      );
      expect(paper.status).toBe(200);
    }
    await phone.getByText("0 pupils waiting for a guardian's answer").waitFor();
    await phone.getByRole("button", { name: "Check in all 2 teams" }).click();
    await phone.getByText("Every team is checked in. Welcome!").waitFor();
    await expect
      .poll(() => phone.locator(".teacher-team-facts", { hasText: /^Checked in/ }).count())
      .toBe(2);
    await phone.getByText("6 pupils in the building now").waitFor();
    await expectNoAxeViolations(phone, "teacher's page after check-in");
    await screenshot(phone, "teachers-checked-in");
    for (const errors of consoleErrors) expect(errors).toEqual([]);
  });
});
