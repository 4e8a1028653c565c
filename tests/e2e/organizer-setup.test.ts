/**
 * The organizer's first day, in a real browser against the real server: sign in, create an
 * event, add categories and a prize, invite a judge, and the judge accepts on a phone.
 * Every page visited is checked with axe-core, and any console error (a CSP refusal, a
 * crash) fails the test. Screenshots go to test-results/ for a human to look at.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureOrganizer } from "../../server/services/setup";
import { utcToZonedLocal } from "../../shared/rules/timezones";
import { testPasswords } from "../helpers/passwords";
import { startTestServer, type TestServer } from "../helpers/server";
import {
  CLIENT_DIR,
  expectNoAxeViolations,
  expectNoSidewaysScroll,
  launchBrowser,
  screenshot,
  watchConsole,
} from "./browser";

const ORGANIZER = { email: "organizer@example.com", password: "correct horse battery" };
const LAPTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const DAY = 24 * 60 * 60 * 1000;

let server: TestServer;
let browser: Browser;
/** Console errors of every page opened, checked at the end. */
const consoleErrors: string[][] = [];

beforeAll(async () => {
  server = await startTestServer({ clientDir: CLIENT_DIR });
  await ensureOrganizer(server.database.db, ORGANIZER.email, ORGANIZER.password, testPasswords);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  consoleErrors.push(watchConsole(page));
  return page;
}

/** On a phone: no axe violations, and nothing wider than the screen. */
async function checkPhonePage(page: Page, where: string) {
  await expectNoAxeViolations(page, where);
  await expectNoSidewaysScroll(page, where);
}

/** A whole hour in London time, `days` from now, as a datetime-local value. */
function londonLocal(days: number, hour: number): string {
  const local = utcToZonedLocal(new Date(Date.now() + days * DAY), "Europe/London");
  return `${local.slice(0, 10)}T${String(hour).padStart(2, "0")}:00`;
}

describe("organizer set-up in the browser", () => {
  let organizer: BrowserContext;
  let page: Page;
  let inviteUrl = "";
  let oldInviteUrl = "";
  const slug = "hack-manchester-junior-2026";

  it("sends a signed-out visitor to sign in and back to /organize", async () => {
    // The organizer's laptop is set to New York time: the event's times must still be read
    // as London time, because that is the event's zone.
    organizer = await browser.newContext({
      viewport: LAPTOP,
      locale: "en-GB",
      timezoneId: "America/New_York",
      reducedMotion: "reduce",
    });
    page = await openPage(organizer);
    await page.goto(`${server.url}/organize`);
    await page.waitForURL(/\/signin\?next=%2Forganize$/);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Sign in");
    await expectNoAxeViolations(page, "sign-in");

    // A wrong password is explained in plain words.
    await page.getByLabel("Email").fill(ORGANIZER.email);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect
      .poll(() => page.getByRole("alert").first().textContent())
      .toContain("That email and password don't match an account");
    await screenshot(page, "signin-error");

    await page.getByLabel("Password").fill(ORGANIZER.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${server.url}/organize`);
    await page.getByText("No events yet — create your first event").waitFor();
    await expect.poll(() => page.getByRole("button", { name: "Sign out" }).count()).toBe(1);
    await expectNoAxeViolations(page, "empty event list");
    await screenshot(page, "organizer-no-events");
  });

  it("creates an event, with the times read in the event's time zone", async () => {
    await page.getByRole("link", { name: "Create event" }).first().click();
    await page.waitForURL(`${server.url}/organize/new`);
    await page.getByLabel("Event name").fill("Hack Manchester Junior 2026");
    expect(await page.getByLabel("Web address").inputValue()).toBe(slug);
    await page.getByLabel("Venue").fill("Manchester Central");
    expect(await page.getByLabel("Time zone").inputValue()).toBe("Europe/London");
    await page.getByLabel("Sign-up opens").fill(londonLocal(-1, 9));
    await page.getByLabel("Sign-up closes").fill(londonLocal(20, 17));
    await page.getByLabel("Hacking starts").fill(londonLocal(27, 9));
    await page.getByLabel("Projects due").fill(londonLocal(28, 12));
    // The end before the deadline: refused next to the field, before anything is sent.
    await page.getByLabel("Event ends").fill(londonLocal(28, 11));
    await page.getByRole("button", { name: "Create event" }).click();
    await page.getByText("The event must end after submissions close.").waitFor();
    expect(await page.getByLabel("Event ends").getAttribute("aria-invalid")).toBe("true");
    await expectNoAxeViolations(page, "create event with an error");
    await screenshot(page, "organizer-create-event-error");

    await page.getByLabel("Event ends").fill(londonLocal(28, 17));
    await page.getByRole("button", { name: "Create event" }).click();
    await page.waitForURL(`${server.url}/organize/${slug}/categories`);
    await page.getByText("Hack Manchester Junior 2026 is created").waitFor();
    await page.getByText("No categories yet").waitFor();
    await expectNoAxeViolations(page, "categories, empty");

    // The server stored 09:00 London time as the start.
    const res = await fetch(`${server.url}/api/events/${slug}`);
    const { event } = (await res.json()) as { event: { startsAt: string } };
    expect(utcToZonedLocal(new Date(event.startsAt), "Europe/London")).toBe(londonLocal(27, 9));
  });

  it("adds categories with criteria, explaining the single-school rule", async () => {
    // Nothing filled in: the shared schema's messages appear next to the fields.
    await page.getByRole("button", { name: "Add category" }).click();
    await page.getByText("Category name can't be empty.").waitFor();
    await page.getByText("Criterion name can't be empty.").waitFor();

    await page.getByLabel("Category name").fill("Best Game");
    const first = page.getByRole("group", { name: "Criterion 1" });
    await first.getByLabel("Name").fill("Innovation");
    await first.getByLabel("Weight").fill("3");
    await page.getByRole("button", { name: "Add a criterion" }).click();
    const second = page.getByRole("group", { name: "Criterion 2" });
    await second.getByLabel("Name").fill("Technical");
    await second.getByLabel("Weight").fill("2");
    await page.getByRole("button", { name: "Add a criterion" }).click();
    const third = page.getByRole("group", { name: "Criterion 3" });
    await third.getByLabel("Name").fill("Presentation");
    await third.getByLabel("Top score").fill("5");
    await page.getByLabel("Tie-break").selectOption("Innovation");
    await page.getByRole("button", { name: "Add category" }).click();
    await page.getByText("Best Game is added.").waitFor();
    await page.getByRole("heading", { name: "Best Game" }).waitFor();
    await page.getByText("Members can be from any school").waitFor();

    await page.getByLabel("Category name").fill("Pre-University Challenge");
    await page.getByLabel("All members must be from the same school").check();
    await page.getByRole("group", { name: "Criterion 1" }).getByLabel("Name").fill("Impact");
    await page.getByRole("button", { name: "Add category" }).click();
    await page.getByText("Pre-University Challenge is added.").waitFor();
    await page
      .getByRole("listitem")
      .filter({ has: page.getByRole("heading", { name: "Pre-University Challenge" }) })
      .getByText("All members must be from the same school")
      .waitFor();
    await expectNoAxeViolations(page, "categories");
    await screenshot(page, "organizer-categories");
  });

  it("adds a prize to a category", async () => {
    await page
      .getByRole("navigation", { name: "Event sections" })
      .getByRole("link", { name: "Prizes" })
      .click();
    await page.waitForURL(`${server.url}/organize/${slug}/prizes`);
    await page.getByRole("heading", { level: 1, name: "Prizes" }).waitFor();
    await page.getByLabel("Category").selectOption({ label: "Best Game" });
    expect(await page.getByLabel("Place", { exact: true }).inputValue()).toBe("1");
    await page.getByLabel("Prize", { exact: true }).fill("Aqua Zorbing experience day");
    await page.getByLabel("Sponsor").fill("Aqua Zorbing Manchester");
    await page.getByRole("button", { name: "Add prize" }).click();
    await page.getByText('The prize "Aqua Zorbing experience day" is added.').waitFor();
    await page.getByText("given by Aqua Zorbing Manchester").waitFor();
    // The next free place is offered for the next prize.
    expect(await page.getByLabel("Place", { exact: true }).inputValue()).toBe("2");
    await page.getByLabel("Prize", { exact: true }).fill("Group paintballing");
    await page.getByRole("button", { name: "Add prize" }).click();
    await page.getByText('The prize "Group paintballing" is added.').waitFor();

    // Deleting asks first, in the page, and "Keep it" keeps it.
    await page.getByRole("button", { name: "Delete the 2nd place prize in Best Game" }).click();
    await page.getByText("Delete Group paintballing?").waitFor();
    await page.getByRole("button", { name: "Keep it" }).click();
    await page.getByRole("button", { name: "Delete the 2nd place prize in Best Game" }).click();
    await page.getByRole("button", { name: "Yes, delete" }).click();
    await page.getByText('The prize "Group paintballing" is deleted.').waitFor();
    expect(await page.getByText("Group paintballing", { exact: true }).count()).toBe(0);
    await expectNoAxeViolations(page, "prizes");
    await screenshot(page, "organizer-prizes");
  });

  it("invites a judge and shows the link once, with a QR code", async () => {
    await page
      .getByRole("navigation", { name: "Event sections" })
      .getByRole("link", { name: "Judges" })
      .click();
    await page.waitForURL(`${server.url}/organize/${slug}/judges`);
    await page.getByText("No judges yet").waitFor();
    await page.getByLabel("Name", { exact: true }).fill("Jo Judge");
    await page.getByLabel("Email").fill("jo.judge@example.com");
    await page.getByLabel("Best Game").check();
    await page.getByLabel("Schools they have a link with").fill("St Mary's High School");
    await page.getByRole("button", { name: "Add school" }).click();
    await page.getByRole("button", { name: "Remove St Mary's High School" }).waitFor();
    await page.getByRole("button", { name: "Invite judge" }).click();

    await page.getByRole("heading", { name: "Send this link to Jo Judge" }).waitFor();
    inviteUrl = await page.getByLabel("Invite link", { exact: true }).inputValue();
    expect(inviteUrl).toMatch(new RegExp(`^${server.url}/invite/[^/]+$`));
    await page.getByRole("img", { name: "QR code of the invite link for Jo Judge" }).waitFor();
    await page.getByText("Waiting for them to accept").waitFor();
    await page.getByRole("button", { name: "Copy", exact: true }).click();
    await expect
      .poll(() =>
        page
          .getByRole("status")
          .filter({ hasText: /Copied|copy it/ })
          .count(),
      )
      .toBe(1);
    await expectNoAxeViolations(page, "judges with a new invite link");
    await screenshot(page, "organizer-judges");

    // A lost link can be replaced; the old one stops working.
    oldInviteUrl = inviteUrl;
    await page.getByRole("button", { name: "Close the invite link" }).click();
    await page.getByRole("button", { name: "New invite link for Jo Judge" }).click();
    await page.getByRole("heading", { name: "Send this link to Jo Judge" }).waitFor();
    inviteUrl = await page.getByLabel("Invite link", { exact: true }).inputValue();
    expect(inviteUrl).not.toBe(oldInviteUrl);
  });

  it("edits the event's details and shows its public link", async () => {
    await page
      .getByRole("navigation", { name: "Event sections" })
      .getByRole("link", { name: "Event", exact: true })
      .click();
    await page.waitForURL(`${server.url}/organize/${slug}`);
    expect(await page.getByLabel("Link to the public page").inputValue()).toBe(
      `${server.url}/events/${slug}`,
    );
    expect(await page.getByLabel("Hacking starts").inputValue()).toBe(londonLocal(27, 9));
    await page.getByLabel("Venue").fill("Manchester Central, Hall 2");
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByText("Saved. The public page shows the new details.").waitFor();
    await expectNoAxeViolations(page, "event details");
    await screenshot(page, "organizer-event-details");
  });

  it("lists the event on /organize", async () => {
    await page.getByRole("link", { name: "All events" }).click();
    await page.waitForURL(`${server.url}/organize`);
    await page.getByRole("link", { name: "Hack Manchester Junior 2026" }).waitFor();
    await page.getByText("Manchester Central, Hall 2").waitFor();
    await expectNoAxeViolations(page, "event list");
    // Hovered, the header's links stay white on its purple.
    const header = page.locator(".site-header");
    for (const link of [
      header.getByRole("link", { name: "Hack Manchester Junior" }),
      header.getByRole("link", { name: "Your events" }),
    ]) {
      await link.hover();
      await expect
        .poll(() => link.evaluate((el) => getComputedStyle(el).color))
        .toBe("rgb(255, 255, 255)");
    }
    await screenshot(page, "organizer-events");
  });

  it("shows the public event page without personal data", async () => {
    await page.goto(`${server.url}/events/${slug}`);
    await page.getByRole("heading", { level: 1, name: "Hack Manchester Junior 2026" }).waitFor();
    await page.getByText("All members must be from the same school").waitFor();
    await page.getByText("Aqua Zorbing experience day").waitFor();
    expect(await page.content()).not.toContain("jo.judge@example.com");
    await expectNoAxeViolations(page, "public event page");
    await screenshot(page, "public-event");
  });

  it("collapses the organizer navigation into a menu on a phone", async () => {
    await page.setViewportSize(PHONE);
    await page.goto(`${server.url}/organize/${slug}`);
    await page.getByRole("heading", { level: 1, name: "Event details" }).waitFor();
    const menu = page.getByRole("button", { name: /Menu/ });
    expect(await page.getByRole("link", { name: "Judges" }).isVisible()).toBe(false);
    await checkPhonePage(page, "event details on a phone");
    await screenshot(page, "organizer-event-phone");
    await menu.click();
    expect(await menu.getAttribute("aria-expanded")).toBe("true");
    await page.getByRole("link", { name: "Judges" }).click();
    await page.waitForURL(`${server.url}/organize/${slug}/judges`);
    await page.getByRole("heading", { level: 1, name: "Judges" }).waitFor();
    expect(await page.getByRole("link", { name: "Prizes" }).isVisible()).toBe(false);
    await checkPhonePage(page, "judges on a phone");
    await screenshot(page, "organizer-judges-phone");
    for (const path of [
      "/organize",
      "/organize/new",
      `/organize/${slug}/categories`,
      `/organize/${slug}/prizes`,
      `/events/${slug}`,
    ]) {
      await page.goto(`${server.url}${path}`);
      await page.getByRole("heading", { level: 1 }).waitFor();
      await checkPhonePage(page, `${path} on a phone`);
    }
    await screenshot(page, "public-event-phone");
    await page.setViewportSize(LAPTOP);
  });

  it("lets the judge accept the invite on a phone and land on /judge", async () => {
    const judge = await browser.newContext({
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
      locale: "en-GB",
    });
    const phone = await openPage(judge);
    await phone.goto(oldInviteUrl);
    await phone.getByRole("heading", { name: "This invite link doesn't work" }).waitFor();
    await checkPhonePage(phone, "replaced invite link");

    await phone.goto(inviteUrl);
    await phone
      .getByRole("heading", {
        name: "Hi Jo Judge, you're invited to judge Hack Manchester Junior 2026",
      })
      .waitFor();
    await checkPhonePage(phone, "judge invite");
    await screenshot(phone, "judge-invite-phone");

    await phone.getByLabel("Password", { exact: true }).fill("a good long password");
    await phone.getByLabel("Type the password again").fill("a different password");
    await phone.getByRole("button", { name: "Set password and start" }).click();
    await phone.getByText("The two passwords are different.").waitFor();

    await phone.getByLabel("Type the password again").fill("a good long password");
    await phone.getByRole("button", { name: "Set password and start" }).click();
    await phone.waitForURL(`${server.url}/judge`);
    await phone.getByText("Your teams to score will appear here once the event starts.").waitFor();
    await checkPhonePage(phone, "judge home");
    await screenshot(phone, "judge-home-phone");

    // The link works once: opening it again says so and offers sign-in.
    await phone.goto(inviteUrl);
    await phone.getByRole("heading", { name: "This invite has been used" }).waitFor();
    await phone.getByRole("link", { name: "Sign in instead" }).waitFor();
    await checkPhonePage(phone, "used invite");

    // A judge on an organizer page is told plainly it is not for them.
    await phone.goto(`${server.url}/organize`);
    await phone.getByRole("heading", { name: "This page is for organizers" }).waitFor();
    await checkPhonePage(phone, "organizer page as a judge");

    await phone.getByRole("button", { name: "Sign out" }).click();
    await phone.waitForURL(`${server.url}/`);
    await phone.getByRole("link", { name: "Sign in" }).first().waitFor();
    await checkPhonePage(phone, "home page on a phone");
    await screenshot(phone, "home-phone");
    await judge.close();

    // The organizer sees the judge has accepted.
    await page.goto(`${server.url}/organize/${slug}/judges`);
    await page.getByText("Accepted", { exact: true }).waitFor();
  });

  it("shows a not-found page for an unknown address, answered with 404", async () => {
    const answer = await page.goto(`${server.url}/no-such-page`);
    expect(answer?.status()).toBe(404);
    await page.getByRole("heading", { name: "We can't find that page" }).waitFor();
    await expectNoAxeViolations(page, "not found");
    await page.goto(`${server.url}/`);
    await page.getByRole("heading", { level: 1 }).waitFor();
    await expectNoAxeViolations(page, "home page");
    await screenshot(page, "home");
    await organizer.close();
  });

  it("logged no console errors or CSP refusals on any page", () => {
    expect(consoleErrors.flat()).toEqual([]);
  });
});
