/**
 * The organizer's Backup section: download a backup, and delete the children's personal data
 * once the event has finished (refused before), with the retention reminder on the event list.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TeamView } from "../../shared/api";
import { ORGANIZER, signInOrganizer } from "../helpers/factories";
import { startTestServer, type TestServer } from "../helpers/server";
import {
  CLIENT_DIR,
  expectNoAxeViolations,
  launchBrowser,
  screenshot,
  watchConsole,
} from "./browser";
import { createEvent, registerTeam } from "./eventSetup";

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer({ clientDir: CLIENT_DIR });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signInAsOrganizer(page: Page) {
  await page.goto(`${server.url}/signin`);
  await page.getByLabel("Email").fill(ORGANIZER.email);
  await page.getByLabel("Password").fill(ORGANIZER.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/organize/);
}

describe("backup and personal data in the browser", () => {
  it("offers a backup, refuses the purge before the end, then deletes personal data after it", async () => {
    const { categoryId } = await createEvent(server, "backup-hack");
    await registerTeam(server, "backup-hack", categoryId, "Byte Club", "Oakwood Academy");

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors = watchConsole(page);
    await signInAsOrganizer(page);
    await page.goto(`${server.url}/organize/backup-hack/backup`);
    await page.getByRole("heading", { name: "Download a backup" }).waitFor();
    const download = page.getByRole("link", { name: "Download backup" });
    expect(await download.getAttribute("href")).toBe("/api/export");
    await page.getByText("You can delete personal data once the event has finished.").waitFor();
    await expectNoAxeViolations(page, "backup section during the event");
    await screenshot(page, "backup-during-event");

    // 31 days after the event: the purge is overdue.
    server.clock.set(new Date("2026-04-16T09:00:00Z"));
    await signInAsOrganizer(page);
    await page.getByText("Personal data is due to be deleted.").waitFor();
    await page.getByRole("link", { name: "Delete it now" }).click();
    await page.getByText("The retention period has passed").waitFor();
    await page.getByRole("button", { name: "Delete personal data" }).click();
    await page.getByRole("button", { name: "Yes, delete personal data" }).click();
    await page.getByText("Personal data deleted").waitFor();
    await expectNoAxeViolations(page, "backup section after the purge");
    await screenshot(page, "backup-after-purge");

    const organizer = await signInOrganizer(server.url, server.database);
    const teams = await organizer.get<{ teams: TeamView[] }>("/api/events/backup-hack/teams");
    expect(teams.body.teams[0]!.members[0]).toMatchObject({
      lastName: null,
      dateOfBirth: null,
      guardian: { email: null },
    });
    expect(teams.body.teams[0]!.name).toBe("Byte Club");
    expect(errors).toEqual([]);
    await context.close();
  });
});
