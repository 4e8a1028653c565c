/**
 * Consent with a mail server: each guardian's link arrives by email, and only there. The team's
 * pages show each member's status and can have a link sent again, but never hold a link; the
 * guardian opens the mailed link on a phone and answers; the organizer's outbox, open on a
 * laptop, follows each email live (sent, answered, replaced) and the team list says who gave
 * consent and when.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TeamView } from "../../shared/api";
import { LIMITS } from "../../shared/limits";
import { buildMember, buildTeam, ORGANIZER } from "../helpers/factories";
import { capturingMailer, tokenOf } from "../helpers/guardians";
import { Client } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";
import {
  CLIENT_DIR,
  expectNoAxeViolations,
  expectNoSidewaysScroll,
  launchBrowser,
  screenshot,
  signInAs,
  watchConsole,
} from "./browser";
import { AT, createLiveEvent, EVENT_NAME } from "./liveEvent";

const SLUG = "hmj-consent";
const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1280, height: 900 };
const CONTACT = { email: "pixel.pals@example.com", password: "pixel pals password" };
const GUARDIANS = { mo: "mo.khan@example.com", jess: "jess.okafor@example.com" };

const mailer = capturingMailer();
let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const consoleErrors: string[][] = [];
let team: Page;
let desk: Page;

beforeAll(async () => {
  server = await startTestServer({ clientDir: CLIENT_DIR, mailer });
  const { categories } = await createLiveEvent(server, SLUG);
  const res = await new Client(server.url).post<{ team: TeamView }>(
    `/api/events/${SLUG}/teams`,
    buildTeam(categories["Best Game"]!, {
      name: "Pixel Pals",
      contact: CONTACT,
      members: [
        buildMember({
          firstName: "Zara",
          lastName: "Khan",
          guardian: { name: "Mo Khan", email: GUARDIANS.mo },
        }),
        buildMember({
          firstName: "Femi",
          lastName: "Okafor",
          guardian: { name: "Jess Okafor", email: GUARDIANS.jess },
        }),
      ],
    }),
  );
  if (res.status !== 201) throw new Error(`sign-up: ${res.status}`);
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await server?.close();
});

async function open(viewport: { width: number; height: number }): Promise<Page> {
  const phone = viewport.width < 600;
  const context = await browser.newContext({
    viewport,
    isMobile: phone,
    hasTouch: phone,
    locale: "en-GB",
    reducedMotion: "reduce",
  });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  consoleErrors.push(watchConsole(page));
  return page;
}

const signInAt = (page: Page, credentials: { email: string; password: string }, to: string) =>
  signInAs(page, server.url, credentials, to);

/** The page's markup holds no consent link and none of the tokens mailed so far. */
async function expectNoLink(page: Page, where: string) {
  const html = await page.evaluate(() => document.documentElement.outerHTML);
  expect(html, `${where} shows a consent link`).not.toContain("/consent/");
  for (const mail of mailer.sent) {
    const link = mail.text.match(/\S+\/consent\/[A-Za-z0-9_-]+/)?.[0];
    if (link) expect(html, `${where} holds a token`).not.toContain(tokenOf(link));
  }
}

const badgesOf = (page: Page) =>
  page
    .locator(".outbox-item .badge")
    .allTextContents()
    // "Sent Sat 28 …": the word is enough here.
    .then((all) => all.map((t) => t.trim().split(/\s+/)[0]).sort());

describe("consent links by email", () => {
  it("emails each guardian their own link, and the outbox shows them sent", async () => {
    await expect
      .poll(() => mailer.sent.map((m) => m.to).sort())
      .toEqual(Object.values(GUARDIANS).sort());
    desk = await open(LAPTOP);
    await signInAt(desk, ORGANIZER, `/organize/${SLUG}/outbox`);
    await desk.getByRole("heading", { level: 1, name: "Outbox" }).waitFor();
    await expect.poll(() => badgesOf(desk)).toEqual(["Sent", "Sent"]);
    expect(await desk.getByText("Emails are not being sent").count()).toBe(0);
    await desk.getByText("Every consent letter has been sent or answered.").waitFor();
    await expectNoAxeViolations(desk, "outbox with emails sent");
  });

  it("shows the team each member's status on every page, never a link", async () => {
    team = await open(PHONE);
    await signInAt(team, CONTACT, "/team");
    await team.getByRole("heading", { level: 1, name: "Pixel Pals" }).waitFor();
    await expect.poll(() => team.getByText("Waiting for guardian").count()).toBe(2);
    await expectNoLink(team, "the team's page");
    await team.goto(`${server.url}/team/submission`);
    await team.getByRole("heading", { level: 1 }).waitFor();
    await expectNoLink(team, "the team's project page");
    await team.goto(`${server.url}/team`);
    await team.getByRole("heading", { level: 1, name: "Pixel Pals" }).waitFor();
    await expectNoAxeViolations(team, "team page with consent waiting");
    await expectNoSidewaysScroll(team, "team page with consent waiting");
  });

  it("lets a guardian open the mailed link on their phone and answer", async () => {
    const guardian = await open(PHONE);
    await guardian.goto(mailer.linkTo(GUARDIANS.mo));
    await guardian
      .getByRole("heading", { level: 1, name: `Consent for Zara to take part in ${EVENT_NAME}` })
      .waitFor();
    await guardian.getByLabel("Your full name").fill("Mo Khan");
    await guardian.getByRole("radio", { name: "Yes, Zara can take part" }).check();
    await guardian.getByRole("radio", { name: "Yes, photos and video are fine" }).check();
    await guardian.getByRole("button", { name: "Send my answer" }).click();
    await guardian.getByRole("heading", { name: "Thank you" }).waitFor();
    await expectNoAxeViolations(guardian, "guardian's thank-you");

    // The outbox, open all along, shows the answer without a reload.
    await expect.poll(() => badgesOf(desk)).toContain("Answered");
    await screenshot(desk, "consent-outbox-answered");

    await team.reload();
    const zara = team.getByRole("listitem").filter({ hasText: "Zara Khan" });
    await zara.getByText("Consent given").waitFor();
    expect(await zara.getByRole("button", { name: /Send the link again/ }).count()).toBe(0);
    await expectNoLink(team, "the team's page after an answer");
  });

  it("sends a lost link again by email: a new link, and the old one stops working", async () => {
    const oldLink = mailer.linkTo(GUARDIANS.jess);
    server.clock.set(new Date(AT.registration.getTime() + LIMITS.consentLinkResendMs));
    const femi = team.getByRole("listitem").filter({ hasText: "Femi Okafor" });
    await femi.getByRole("button", { name: "Send the link again to Femi's guardian" }).click();
    await femi
      .getByText(
        "A new link is on its way to Femi's guardian by email. The old link no longer works.",
      )
      .waitFor();
    await expectNoLink(team, "the team's page after sending again");
    await screenshot(team, "consent-team-sent-again-phone");

    await expect.poll(() => mailer.sent.filter((m) => m.to === GUARDIANS.jess).length).toBe(2);
    const newLink = mailer.linkTo(GUARDIANS.jess);
    expect(newLink).not.toBe(oldLink);
    await expect.poll(() => badgesOf(desk)).toEqual(["Answered", "Replaced", "Sent"]);
    await expectNoAxeViolations(desk, "outbox with a replaced link");

    const guardian = await open(PHONE);
    await guardian.goto(oldLink);
    await guardian.getByRole("heading", { name: "This link isn't working" }).waitFor();
    await guardian.goto(newLink);
    await guardian
      .getByRole("heading", { level: 1, name: `Consent for Femi to take part in ${EVENT_NAME}` })
      .waitFor();
  });

  it("tells the organizer how, when and by whom consent was given", async () => {
    await desk
      .getByRole("navigation", { name: "Event sections" })
      .getByRole("link", { name: "Teams" })
      .click();
    const card = desk.getByRole("listitem").filter({
      has: desk.getByRole("heading", { name: "Pixel Pals" }),
    });
    await card.getByText("Online, by Mo Khan, Sun 1 March 2026, 12:00 · photos OK").waitFor();
    await card.getByText("Link sent Sun 1 March 2026, 12:05").waitFor();
    await expectNoAxeViolations(desk, "teams with how consent was given");
    await screenshot(desk, "consent-organizer-teams");
  });

  it("logged no console errors or CSP refusals", () => {
    expect(consoleErrors.flat()).toEqual([]);
  });
});
