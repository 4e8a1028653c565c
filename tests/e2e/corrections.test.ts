/**
 * Corrections at the help desk, on a phone: a project version handed in by mistake is
 * withdrawn from judging, a check-in made for the wrong team is undone, and a consent answer
 * recorded for the wrong child goes back to waiting. Each asks before it acts, and the card
 * shows the result where the organizer is looking. Then a guardian changes their mind: the
 * organizer writes down their answer from a phone call, and asks again with a fresh link, whose
 * page shows the earlier answer and how to reach the organizers.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInOrganizer } from "../helpers/factories";
import { consentLinkFor } from "../helpers/guardians";
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
import { checkInTeams, createEventWithBestGame, handInProjects } from "./liveEvent";

const SLUG = "hmj-desk";
let server: TestServer;
let browser: Browser;
let desk: Page;
let consoleErrors: string[] = [];

beforeAll(async () => {
  server = await startTestServer({ clientDir: CLIENT_DIR });
  const event = await createEventWithBestGame(server, SLUG);
  const contact = await event.organizer.patch(`/api/events/${SLUG}`, {
    contactEmail: "help@hmj.example",
    contactPhone: "0161 496 0000",
  });
  if (contact.status !== 200) throw new Error(`contact: ${contact.status}`);
  const [byteClub] = await checkInTeams(event, event.categoryId, [
    { name: "Byte Club", school: "Oak School" },
    { name: "Pixel Pals", school: "Elm School" },
  ]);
  await handInProjects(server, [{ ...byteClub!, title: "Quiz Quest" }]);
  await handInProjects(server, [{ ...byteClub!, title: "Quiz Quest (wrong file)" }]);
  browser = await launchBrowser();
  const context = await browser.newContext(PHONE_CONTEXT);
  desk = await context.newPage();
  desk.setDefaultTimeout(15_000);
  consoleErrors = watchConsole(desk);
  await signInOrganizerAt(desk, server.url, `/organize/${SLUG}/teams`);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const card = (name: string) => desk.locator(".teams-card").filter({ hasText: name });

describe("corrections at the desk", () => {
  it("withdraws the version handed in by mistake, and the previous one counts again", async () => {
    const byteClub = card("Byte Club");
    await byteClub.getByText("Project versions").click();
    await byteClub.getByText("The judges see version 2.").waitFor();
    await byteClub.getByRole("button", { name: /Withdraw version 2 from judging/ }).click();
    await byteClub.getByText("The judges will see version 1 instead.", { exact: false }).waitFor();
    await expectNoAxeViolations(desk, "withdrawal question");
    await byteClub.getByRole("button", { name: "Yes, withdraw it" }).click();
    await byteClub.getByText("The judges see version 1.").waitFor();
    expect(await byteClub.getByText(/withdrawn/).count()).toBe(1);
    await screenshot(desk, "corrections-withdrawn");
  });

  it("undoes a check-in, and then the consent answer of its member", async () => {
    const byteClub = card("Byte Club");
    await byteClub.getByRole("button", { name: /Undo check-in/ }).click();
    await byteClub.getByRole("button", { name: "Keep it" }).waitFor();
    await byteClub.getByRole("button", { name: "Yes, undo the check-in" }).click();
    await byteClub.getByText("Not checked in").waitFor();
    await byteClub.getByRole("button", { name: /Check in Byte Club/ }).waitFor();

    await byteClub.getByRole("button", { name: /Move back to waiting/ }).click();
    await byteClub.getByRole("button", { name: "Yes, back to waiting" }).click();
    await byteClub.getByText("Waiting for guardian").waitFor();
    await byteClub.getByRole("button", { name: /Record an answer/ }).waitFor();
    // Pixel Pals, untouched, stays checked in with its consent.
    await card("Pixel Pals").getByText("Checked in").waitFor();
    expect(
      await card("Pixel Pals")
        .getByRole("button", { name: /Move back/ })
        .count(),
    ).toBe(0);

    await expectNoAxeViolations(desk, "teams after corrections");
    await expectNoSidewaysScroll(desk, "teams after corrections");
    await screenshot(desk, "corrections-undone");
  });

  it("explains a refusal beside the button: check-in needs consent again", async () => {
    const byteClub = card("Byte Club");
    await byteClub.getByRole("button", { name: /Check in Byte Club/ }).click();
    await byteClub
      .getByRole("alert")
      .getByText(/consent is missing/)
      .waitFor();
    expect(consoleErrors).toEqual([]);
  });

  it("writes down a guardian's answer from a phone call, then asks again with a fresh link", async () => {
    const byteClub = card("Byte Club");
    await byteClub.getByRole("button", { name: /Record an answer/ }).click();
    const form = byteClub.getByRole("group", { name: /Record an answer for/ });
    await form.getByLabel("By phone").check();
    await form.getByLabel(/can't take part/).check();
    await form.getByLabel("Who answered (optional)").fill("Pat Lovelace");
    await form.getByLabel(/Note/).fill("Rang the desk at 10:05");
    await expectNoAxeViolations(desk, "recording an answer");
    await form.getByRole("button", { name: "Save the answer" }).click();
    await byteClub.getByText("Guardian said no").waitFor();
    await byteClub.getByText(/Phone call \(Pat Lovelace answered\)/).waitFor();
    await byteClub.getByText(/note: Rang the desk at 10:05/).waitFor();

    await byteClub.getByRole("button", { name: /Ask again with a new link/ }).click();
    await byteClub.getByText(/A new link for .* is ready/).waitFor();
    await byteClub.getByText(/new link sent .* waiting for an answer/).waitFor();
    await screenshot(desk, "corrections-asked-again");

    // The builders' session is from sign-up time, long gone: sign in again.
    const organizerApi = await signInOrganizer(server.url, server.database);
    const memberId = (
      await organizerApi.get<{ teams: { name: string; members: { id: string }[] }[] }>(
        `/api/events/${SLUG}/teams`,
      )
    ).body.teams.find((t) => t.name === "Byte Club")!.members[0]!.id;
    const guardian = await desk.context().newPage();
    const guardianErrors = watchConsole(guardian);
    await guardian.goto(await consentLinkFor(organizerApi, SLUG, memberId));
    await guardian.getByText("The organizers asked you again.", { exact: false }).waitFor();
    await guardian.getByText("no, not taking part").first().waitFor();
    await guardian.getByRole("link", { name: "help@hmj.example" }).first().waitFor();
    await guardian.getByRole("link", { name: "0161 496 0000" }).first().waitFor();
    await expectNoAxeViolations(guardian, "consent page, asked again");
    await expectNoSidewaysScroll(guardian, "consent page, asked again");
    await screenshot(guardian, "corrections-consent-asked-again");
    expect(guardianErrors).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it("makes a password link for a team at the desk, which the team's phone opens once", async () => {
    const byteClub = card("Byte Club");
    await byteClub.getByRole("button", { name: /New password link/ }).click();
    const panel = byteClub.getByRole("region", { name: "Password link for Byte Club" });
    await panel.getByRole("img", { name: /QR code of the password link/ }).waitFor();
    await expectNoAxeViolations(desk, "password link at the desk");
    const url = await panel.getByLabel("Password link", { exact: true }).inputValue();
    expect(url).toMatch(/\/reset\/[A-Za-z0-9_-]+$/);

    const phone = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: "en-GB",
    });
    const page = await phone.newPage();
    const phoneErrors = watchConsole(page);
    await page.goto(url);
    await page.getByRole("heading", { name: "Choose a new password" }).waitFor();
    await page.getByLabel("New password").fill("pixel perfect password");
    await page.getByLabel("Type the password again").fill("pixel perfect password");
    await expectNoAxeViolations(page, "choosing a new password");
    await page.getByRole("button", { name: "Save and sign in" }).click();
    await page.waitForURL(`${server.url}/team`);
    // The link works once.
    await page.goto(url);
    await page.getByRole("heading", { name: "This link doesn't work any more" }).waitFor();
    // Without a mail server, "Forgot your password?" sends people to the desk.
    await page.goto(`${server.url}/forgot`);
    await page.getByLabel("Email").fill("byte-club@example.com");
    await page.getByRole("button", { name: "Email me a link" }).click();
    await page.getByText(/Ask an organizer at the help desk/).waitFor();
    await expectNoAxeViolations(page, "forgot password without email");
    expect(phoneErrors).toEqual([]);
    await phone.close();
  });

  it("corrects a team's name and a member's details in place", async () => {
    const pixels = card("Pixel Pals");
    await pixels.getByRole("button", { name: /Edit name or category/ }).click();
    await pixels.getByLabel("Team name").fill("Pixel Pioneers");
    await expectNoAxeViolations(desk, "editing a team");
    await pixels.getByRole("button", { name: "Save the team" }).click();
    const pioneers = card("Pixel Pioneers");
    await pioneers.getByRole("heading", { name: "Pixel Pioneers" }).waitFor();

    await pioneers.getByRole("button", { name: /Edit details/ }).click();
    await pioneers.getByLabel("Last name").fill("Lovelace-Byron");
    await expectNoAxeViolations(desk, "editing a member");
    await expectNoSidewaysScroll(desk, "editing a member");
    await screenshot(desk, "corrections-editing-member");
    await pioneers.getByRole("button", { name: "Save the details" }).click();
    await pioneers
      .getByText(/Lovelace-Byron/)
      .first()
      .waitFor();
    expect(await pioneers.getByRole("button", { name: "Save the details" }).count()).toBe(0);
    expect(consoleErrors).toEqual([]);
  });
});
