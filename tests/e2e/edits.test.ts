/**
 * An organizer on a phone corrects the event while it runs: a criterion's weight before any
 * score (saved), the same after a judge has scored (refused, the reason beside the field), a
 * prize, and the categories a judge scores.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EventView, JudgeView } from "../../shared/api";
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
import {
  addCategory,
  addPrizes,
  checkInTeams,
  createEventWithBestGame,
  type EventBuild,
  saveScores,
  signInJudge,
  startJudging,
} from "./liveEvent";

const SLUG = "hmj-2026";

let server: TestServer;
let browser: Browser;
let event: EventBuild & { categoryId: string; appsId: string; teamId: string };
let judge: Client;
let page: Page;
let consoleErrors: string[] = [];

beforeAll(async () => {
  server = await startTestServer({ clientDir: CLIENT_DIR });
  const built = await createEventWithBestGame(server, SLUG);
  const appsId = await addCategory(built, "Best App");
  await addPrizes(built, { "Best Game": built.categoryId }, [
    ["Best Game", 1, "Aqua Zorbing experience day", "Aqua Zorbing Manchester"],
  ]);
  const [team] = await checkInTeams(built, built.categoryId, [
    { name: "Byte Club", school: "Loreto College" },
  ]);
  const judging = await startJudging(built);
  event = { ...judging, categoryId: built.categoryId, appsId, teamId: team!.id };
  judge = await signInJudge(
    event,
    { name: "Ada Judge", email: "ada@example.com", password: "judge password" },
    [built.categoryId],
  );
  browser = await launchBrowser();
  const context = await browser.newContext(PHONE_CONTEXT);
  page = await context.newPage();
  page.setDefaultTimeout(10_000);
  consoleErrors = watchConsole(page);
  await signInOrganizerAt(page, server.url, `/organize/${SLUG}/categories`);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const eventNow = async () =>
  (await event.organizer.get<{ event: EventView }>(`/api/events/${SLUG}`)).body.event;
const bestGame = async () => (await eventNow()).categories.find((c) => c.name === "Best Game")!;
const editForm = (name: string) => page.getByRole("region", { name: `Edit ${name}` });

async function setInnovationWeight(weight: string) {
  await page.getByRole("button", { name: "Edit Best Game" }).click();
  const form = editForm("Best Game");
  await form.waitFor();
  const innovation = form.getByRole("group", { name: "Criterion 1" });
  await innovation.getByLabel("Weight").fill(weight);
  await form.getByRole("button", { name: "Save changes" }).click();
  return form;
}

describe("an organizer edits on a phone", () => {
  it("changes a criterion's weight before anyone has scored", async () => {
    await page.getByRole("heading", { level: 1, name: "Categories" }).waitFor();
    await setInnovationWeight("4");
    await page.getByText("Best Game is saved.").waitFor();
    const category = await bestGame();
    expect(category.criteria.map((c) => [c.name, c.weight])).toEqual([
      ["Innovation", 4],
      ["Technical", 2],
      ["Presentation", 1],
    ]);
    expect(category.version).toBe(2);
  });

  it("is refused once a judge has scored, with the reason beside the weight", async () => {
    await saveScores(judge, [{ teamId: event.teamId, marks: [7, 6, 4] }]);
    const form = await setInnovationWeight("5");
    const weight = form.getByRole("group", { name: "Criterion 1" }).getByLabel("Weight");
    await expect.poll(() => weight.getAttribute("aria-invalid")).toBe("true");
    await form.getByText("Judges have scored with this already, so it can't change.").waitFor();
    await form.getByText(/scores already given/).waitFor();
    expect((await bestGame()).criteria[0]).toMatchObject({ name: "Innovation", weight: 4 });
    await expectNoAxeViolations(page, "category refused after scoring");
    await expectNoSidewaysScroll(page, "category edit on a phone");
    await screenshot(page, "edits-category-refused");
    // Order can still change: Presentation moves up above Technical.
    await weight.fill("4");
    await form.getByRole("button", { name: "Move Presentation up" }).click();
    await form.getByRole("button", { name: "Save changes" }).click();
    await page.getByText("Best Game is saved.").waitFor();
    expect((await bestGame()).criteria.map((c) => c.name)).toEqual([
      "Innovation",
      "Presentation",
      "Technical",
    ]);
  });

  it("edits a prize", async () => {
    await page.goto(`${server.url}/organize/${SLUG}/prizes`);
    await page.getByRole("button", { name: "Edit the 1st place prize in Best Game" }).click();
    const form = editForm("Aqua Zorbing experience day");
    await form.getByLabel("Prize").fill("Aqua Zorbing day for the whole team");
    await form.getByLabel("Sponsor").fill("");
    await screenshot(page, "edits-prize-form");
    await form.getByRole("button", { name: "Save the prize" }).click();
    await page.getByText('The prize "Aqua Zorbing day for the whole team" is saved.').waitFor();
    // Focus goes back to the Edit button the form came from.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute("aria-label")))
      .toBe("Edit the 1st place prize in Best Game");
    expect((await eventNow()).prizes[0]).toMatchObject({
      title: "Aqua Zorbing day for the whole team",
      sponsor: null,
      version: 2,
    });
    await expectNoAxeViolations(page, "prizes after an edit");
  });

  it("gives a judge a second category", async () => {
    await page.goto(`${server.url}/organize/${SLUG}/judges`);
    await page.getByRole("button", { name: "Edit Ada Judge" }).click();
    const form = editForm("Ada Judge");
    await form.getByLabel("Best App").check();
    await expectNoAxeViolations(page, "judge edit form");
    await expectNoSidewaysScroll(page, "judge edit on a phone");
    await screenshot(page, "edits-judge-form");
    await form.getByRole("button", { name: "Save changes" }).click();
    await page.getByText("Ada Judge is saved.").waitFor();
    const judges = (
      await event.organizer.get<{ judges: JudgeView[] }>(`/api/events/${SLUG}/judges`)
    ).body.judges;
    expect(judges[0]?.categoryIds.sort()).toEqual([event.categoryId, event.appsId].sort());
    await page.getByText("Best Game, Best App").waitFor();
    await screenshot(page, "edits-judge-saved");
    // Another organizer renames her: the list follows without a reload.
    const ada = judges[0]!;
    const renamed = await event.organizer.request("PUT", `/api/events/${SLUG}/judges/${ada.id}`, {
      version: ada.version,
      name: "Ada Lovelace",
      email: ada.email,
      schools: ada.schools,
      categoryIds: ada.categoryIds,
    });
    expect(renamed.status).toBe(200);
    await page.getByRole("heading", { name: "Ada Lovelace" }).waitFor();
    expect(consoleErrors).toEqual([]);
  });
});
