/**
 * A teacher who was not invited, on a 390 px phone: they sign up from the event page, wait for
 * an organizer, who approves them from the Teachers section; they then see their school's team,
 * hear a teachers-only announcement, and print one consent letter per pupil still waiting.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildMember, buildTeam } from "../helpers/factories";
import { Client } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";
import {
  CLIENT_DIR,
  expectNoAxeViolations,
  expectNoSidewaysScroll,
  launchBrowser,
  screenshot,
  signInOrganizerAt,
  watchConsole,
} from "./browser";
import { createEvent } from "./eventSetup";

const SLUG = "hmj-teacher-requests";
let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const consoleErrors: string[][] = [];

async function newPhone(width = 390): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width, height: 844 },
    isMobile: width < 600,
    hasTouch: width < 600,
    locale: "en-GB",
    reducedMotion: "reduce",
  });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  consoleErrors.push(watchConsole(page));
  return page;
}

beforeAll(async () => {
  server = await startTestServer({ clientDir: CLIENT_DIR });
  const made = await createEvent(server, SLUG);
  // Two pupils of Oak School, their guardians not yet answered; and one of another school.
  const oak = await new Client(server.url).post(
    `/api/events/${SLUG}/teams`,
    buildTeam(made.categoryId, {
      name: "Oak Coders",
      members: [
        buildMember({ firstName: "Ada", lastName: "Lovelace", school: "Oak School" }),
        buildMember({ firstName: "Alan", lastName: "Turing", school: "Oak School" }),
      ],
    }),
  );
  expect(oak.status).toBe(201);
  const elm = await new Client(server.url).post(
    `/api/events/${SLUG}/teams`,
    buildTeam(made.categoryId, {
      name: "Elm Hackers",
      members: [buildMember({ firstName: "Edith", school: "Elm School" })],
    }),
  );
  expect(elm.status).toBe(201);
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.close();
});

describe("a teacher who signs up from the event page", () => {
  it("waits, is approved, sees the school's team and prints its letters", async () => {
    const phone = await newPhone();
    await phone.goto(`${server.url}/events/${SLUG}`);
    await phone.getByRole("link", { name: "Bringing pupils? Teachers sign up here" }).click();
    await phone.waitForURL(`${server.url}/events/${SLUG}/teachers`);
    await phone.getByRole("heading", { name: "Teachers: sign up" }).waitFor();
    // The form explains itself before it refuses: a missing phone is named beside the field.
    await phone.getByLabel("Your name").fill("Ms Rowan");
    await phone.getByLabel("Email").fill("rowan@oak.example.com");
    await phone.getByLabel("School").fill("oak school");
    await phone.getByLabel("Password").fill("teacher password");
    await phone.getByRole("button", { name: "Ask to join as a teacher" }).click();
    await phone.getByText("Some details need fixing.").waitFor();
    await phone.getByLabel("Phone").fill("0161 496 0001");
    await expectNoAxeViolations(phone, "teacher sign-up");
    await expectNoSidewaysScroll(phone, "teacher sign-up");
    await screenshot(phone, "teacher-request-form");
    await phone.getByRole("button", { name: "Ask to join as a teacher" }).click();
    await phone.waitForURL(`${server.url}/teacher`);
    await phone.getByRole("heading", { name: "An organizer will check your request" }).waitFor();
    // "oak school" joined the school the pupils signed up with.
    await phone.getByRole("heading", { name: "Oak School", level: 1 }).waitFor();
    expect(await phone.locator("main").textContent()).not.toMatch(/Ada|Alan|Oak Coders/);
    await expectNoAxeViolations(phone, "teacher waiting");
    await screenshot(phone, "teacher-request-waiting");

    const desk = await newPhone(1280);
    await signInOrganizerAt(desk, server.url, `/organize/${SLUG}/teachers`);
    await desk.getByRole("heading", { name: "Requests to join" }).waitFor();
    await desk.getByText("Waiting for your answer").waitFor();
    await expectNoAxeViolations(desk, "organizer's teacher requests");
    await screenshot(desk, "teacher-request-organizer");
    await desk.getByRole("button", { name: "Approve Ms Rowan" }).click();
    await desk.getByText("Ms Rowan is approved and can now see Oak School's teams.").waitFor();
    await desk.getByText("No requests waiting.", { exact: false }).waitFor();

    // The approval reaches the teacher's page live: no reload, no "Check again".
    await phone.getByRole("heading", { name: "Oak Coders" }).waitFor({ timeout: 10_000 });
    await phone.getByText("2 pupils waiting for a guardian's answer").waitFor();
    expect(await phone.locator("main").textContent()).not.toMatch(/Edith|Elm Hackers/);

    // News for teachers only arrives live on the teacher's page.
    await desk.goto(`${server.url}/organize/${SLUG}/announcements`);
    await desk.getByLabel("New announcement").fill("Teachers: coffee is in room 2");
    await desk.getByRole("radio", { name: /Teachers only/ }).check();
    await desk.getByRole("button", { name: "Post to teachers" }).click();
    await desk.getByText("Posted. Every teacher sees it on their page now.").waitFor();
    await desk
      .locator(".announce-item", { hasText: "teachers only" })
      .getByText("Teachers: coffee is in room 2")
      .waitFor();
    await expectNoAxeViolations(desk, "organizer's announcements");
    await screenshot(desk, "teacher-announcement-organizer");
    await phone.getByText("Teachers: coffee is in room 2").waitFor();
    // Never on the hall's screens: the public list leaves it out.
    const hall = await new Client(server.url).get<{ announcements: unknown[] }>(
      `/api/events/${SLUG}/announcements`,
    );
    expect(hall.body.announcements).toEqual([]);
    await expectNoAxeViolations(phone, "approved teacher's page");
    await expectNoSidewaysScroll(phone, "approved teacher's page");
    await screenshot(phone, "teacher-request-approved");

    await phone.getByRole("link", { name: "Print consent letters" }).click();
    await phone.waitForURL(`${server.url}/teacher/letters`);
    await phone.getByRole("button", { name: "Print 2 letters" }).waitFor();
    await expect.poll(() => phone.locator(".pupil-letter").count()).toBe(2);
    const letters = await phone.locator(".pupil-letter").allTextContents();
    expect(letters[0]).toMatch(/Ada.*Oak Coders/);
    expect(letters[1]).toMatch(/Alan.*Oak Coders/);
    for (const letter of letters) {
      expect(letter).toMatch(/Hand this to the desk on the day\./);
      expect(letter).not.toMatch(/\/consent\/|Lovelace|Turing/);
    }
    expect(await phone.locator(".pupil-letter img, .pupil-letter svg[role=img]").count()).toBe(0);
    await expectNoAxeViolations(phone, "teacher's letters");
    await expectNoSidewaysScroll(phone, "teacher's letters");
    await screenshot(phone, "teacher-letters-screen");

    // As printed: the toolbar and header gone, one A4 page per letter.
    await phone.emulateMedia({ media: "print" });
    await screenshot(phone, "teacher-letters-print");
    expect(await phone.locator(".pupil-letter-toolbar").isVisible()).toBe(false);
    const pdf = await phone.pdf({ preferCSSPageSize: true, printBackground: true });
    const dir = path.join(process.cwd(), "test-results");
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "teacher-letters.pdf"), pdf);
    expect(pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g)).toHaveLength(2);
    for (const errors of consoleErrors) expect(errors).toEqual([]);
  });
});
