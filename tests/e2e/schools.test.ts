/**
 * An organizer on a phone finds one school under two spellings, merges them and gives the
 * school its proper name; the public results page then prints that one name.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
import {
  addPrizes,
  checkInTeams,
  createEventWithBestGame,
  handInProjects,
  lockScoring,
  saveScores,
  signInJudge,
  startJudging,
} from "./liveEvent";

const SLUG = "hmj-schools";
let server: TestServer;
let browser: Browser;
let phone: Page;
let consoleErrors: string[] = [];

beforeAll(async () => {
  server = await startTestServer({ clientDir: CLIENT_DIR });
  const event = await createEventWithBestGame(server, SLUG);
  await addPrizes(event, { "Best Game": event.categoryId }, [
    ["Best Game", 1, "Aqua Zorbing experience day", null],
    ["Best Game", 2, "Group paintballing", null],
  ]);
  const teams = await checkInTeams(event, event.categoryId, [
    { name: "Byte Club", school: "st marys rc high" },
    { name: "Pixel Pals", school: "Saint Mary's R.C. High" },
  ]);
  await handInProjects(
    server,
    teams.map((t) => ({ ...t, title: `${t.name} app` })),
  );
  const judging = await startJudging(event);
  const judge = await signInJudge(
    judging,
    { name: "Jo Judge", email: "jo@example.com", password: "judge password" },
    [event.categoryId],
  );
  await saveScores(judge, [
    { teamId: teams[0]!.id, marks: [9, 9, 5] },
    { teamId: teams[1]!.id, marks: [5, 5, 2] },
  ]);
  await lockScoring(judging);
  for (let i = 0; i < 2; i++) {
    const res = await judging.organizer.post(`/api/events/${SLUG}/ceremony/next`);
    if (res.status !== 200) throw new Error(`reveal: ${res.status}`);
  }
  browser = await launchBrowser();
  const context = await browser.newContext(PHONE_CONTEXT);
  phone = await context.newPage();
  phone.setDefaultTimeout(15_000);
  consoleErrors = watchConsole(phone);
  await signInOrganizerAt(phone, server.url, `/organize/${SLUG}/schools`);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("schools on a phone", () => {
  it("merges two spellings, renames the school, and results print the one name", async () => {
    const card = (name: string) =>
      phone.locator(".card").filter({ has: phone.getByRole("heading", { name, exact: true }) });
    await card("st marys rc high").waitFor();
    await card("Saint Mary's R.C. High").waitFor();
    await expectNoAxeViolations(phone, "schools");
    await expectNoSidewaysScroll(phone, "schools");

    const other = card("Saint Mary's R.C. High");
    await other
      .getByLabel("Merge Saint Mary's R.C. High into")
      .selectOption({ label: "st marys rc high" });
    await other.getByRole("button", { name: "Merge" }).click();
    await phone.getByText("Saint Mary's R.C. High is merged into st marys rc high.").waitFor();
    await expect.poll(() => phone.locator(".card").count()).toBe(1);
    await card("st marys rc high").getByText("2 members in 2 teams").waitFor();

    const school = card("st marys rc high");
    await school.getByLabel("New name for st marys rc high").fill("St Mary's RC High School");
    await school.getByRole("button", { name: "Save name" }).click();
    await phone.getByText("The school is now called St Mary's RC High School.").waitFor();
    await card("St Mary's RC High School").waitFor();
    await screenshot(phone, "schools-merged-renamed");

    await phone.goto(`${server.url}/events/${SLUG}/results`);
    await phone.getByText("Byte Club").first().waitFor();
    const text = (await phone.locator("main").textContent()) ?? "";
    expect(text).toContain("St Mary's RC High School");
    expect(text).not.toContain("st marys rc high");
    expect(text).not.toContain("&");
    await expectNoAxeViolations(phone, "results");
    await screenshot(phone, "schools-results");
    expect(consoleErrors).toEqual([]);
  });
});
