/**
 * The door on the first morning. The organizer's phone camera (Chromium's fake camera, playing
 * a video made here from a badge's QR code) reads Zara's badge; the page shows her team, each
 * member's consent and photo answer, and checks her in with one button; reading it again says
 * she is already in. A phone whose camera is refused is told how to allow it and types the
 * team's name instead. The badges print eight to an A4 sheet, and the photographer's list
 * follows a guardian's late "no" live.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import qrcode from "qrcode-generator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findEvent } from "../../server/services/events";
import type { BadgeSheetView, CheckInTeamView, ParticipantBadge, TeamView } from "../../shared/api";
import {
  buildMember,
  buildTeam,
  insertTeacher,
  ORGANIZER,
  signInOrganizer,
} from "../helpers/factories";
import type { Client } from "../helpers/http";
import { Client as HttpClient } from "../helpers/http";
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
import { AT, createLiveEvent } from "./liveEvent";

const SLUG = "hmj-door";
const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1280, height: 900 };
const RESULTS_DIR = path.join(CLIENT_DIR, "..", "..", "test-results");

let server: TestServer;
let organizer: Client;
let browser: Browser;
let teamId: string;
let memberIds: { zara: string; femi: string };
let videoDir: string;
let zaraLink: string;
const contexts: BrowserContext[] = [];
const consoleErrors: string[][] = [];

/**
 * A Y4M video (what Chromium's fake camera plays) showing `text` as a QR code on white:
 * 640 × 480, grey only (the colour planes flat), a few identical frames that loop.
 */
function qrVideo(text: string): Buffer {
  const qr = qrcode(0, "M");
  qr.addData(text);
  qr.make();
  const modules = qr.getModuleCount();
  const width = 640;
  const height = 480;
  const scale = Math.floor((height - 80) / (modules + 8));
  const size = (modules + 8) * scale;
  const left = Math.floor((width - size) / 2);
  const top = Math.floor((height - size) / 2);
  const luma = Buffer.alloc(width * height, 235);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const row = Math.floor(y / scale) - 4;
      const col = Math.floor(x / scale) - 4;
      const dark = row >= 0 && col >= 0 && row < modules && col < modules && qr.isDark(row, col);
      luma[(top + y) * width + left + x] = dark ? 16 : 235;
    }
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from("FRAME\n"), luma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
  return Buffer.concat([header, ...Array(10).fill(frame)]);
}

beforeAll(async () => {
  server = await startTestServer({ clientDir: CLIENT_DIR });
  const live = await createLiveEvent(server, SLUG);
  organizer = live.organizer;
  const res = await new HttpClient(server.url).post<{ team: TeamView }>(
    `/api/events/${SLUG}/teams`,
    buildTeam(live.categories["Best Game"]!, {
      name: "Pixel Pals",
      members: [
        buildMember({ firstName: "Zara", lastName: "Khan" }),
        buildMember({ firstName: "Femi", lastName: "Okafor" }),
      ],
    }),
  );
  if (res.status !== 201) throw new Error(`sign-up: ${res.status}`);
  teamId = res.body.team.id;
  const [zara, femi] = res.body.team.members;
  memberIds = { zara: zara!.id, femi: femi!.id };
  // Both guardians signed paper forms: Zara's said no to photos, Femi's yes.
  for (const [member, photoConsent] of [
    [zara!, false],
    [femi!, true],
  ] as const) {
    const paper = await organizer.post(
      `/api/events/${SLUG}/teams/${teamId}/members/${member.id}/consent`,
      { method: "paper", photoConsent },
    );
    if (paper.status !== 200) throw new Error(`consent: ${paper.status}`);
  }
  // The school's teacher, who gets a staff badge of their own.
  await insertTeacher(server.database.db, {
    eventId: (await findEvent(server.database.db, SLUG)).id,
    school: "Trinity High School",
    name: "Ms Ash",
  });
  server.clock.set(AT.waiting);
  // Two weeks on, the organizer's session from sign-up time has ended.
  organizer = await signInOrganizer(server.url, server.database);

  const badges = await organizer.get<BadgeSheetView>(`/api/events/${SLUG}/badges`);
  const badge = badges.body.badges.find(
    (b): b is ParticipantBadge => b.kind === "participant" && b.firstName === "Zara",
  );
  videoDir = mkdtempSync(path.join(tmpdir(), "hmj-camera-"));
  const video = path.join(videoDir, "badge.y4m");
  zaraLink = badge!.link;
  writeFileSync(video, qrVideo(zaraLink));
  browser = await launchBrowser([
    "--use-fake-device-for-media-stream",
    `--use-file-for-fake-video-capture=${video}`,
  ]);
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await server?.close();
  if (videoDir) rmSync(videoDir, { recursive: true, force: true });
});

async function open(
  viewport: { width: number; height: number },
  camera: "allowed" | "refused",
): Promise<Page> {
  const phone = viewport.width < 600;
  const context = await browser.newContext({
    viewport,
    isMobile: phone,
    hasTouch: phone,
    locale: "en-GB",
    reducedMotion: "reduce",
  });
  if (camera === "allowed") await context.grantPermissions(["camera"], { origin: server.url });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  consoleErrors.push(watchConsole(page));
  return page;
}

async function rosterMember(id: string) {
  const res = await organizer.get<{ teams: CheckInTeamView[] }>(
    `/api/events/${SLUG}/check-in/roster`,
  );
  return res.body.teams.flatMap((t) => t.members).find((m) => m.id === id);
}

describe("check-in at the door", () => {
  it("reads a badge with the phone's camera and checks the team in", async () => {
    const phone = await open(PHONE, "allowed");
    await signInOrganizerAt(phone, server.url, `/organize/${SLUG}/check-in`);
    await phone.getByRole("heading", { level: 1, name: "Check-in" }).waitFor();
    await phone.getByRole("button", { name: "Start the camera" }).click();
    const card = phone.getByRole("article", { name: "Pixel Pals" });
    await card.getByText("Badge of Zara").waitFor();
    expect(await card.getByText("Guardian said yes").count()).toBe(2);
    await card.getByText("No photos").waitFor();
    await card.getByText("Photos allowed").waitFor();
    await expectNoAxeViolations(phone, "check-in with a badge read");
    await expectNoSidewaysScroll(phone, "check-in with a badge read");
    await screenshot(phone, "check-in-scanned");

    // Femi came through the door with her.
    await card.getByRole("checkbox", { name: /Femi/ }).check();
    await card.getByRole("button", { name: "Check in (2)" }).click();
    await card.getByText("The whole team is in.").waitFor();
    for (const id of [memberIds.zara, memberIds.femi])
      expect((await rosterMember(id))?.inSince).toBe(AT.waiting.toISOString());
    const teams = await organizer.get<{ teams: TeamView[] }>(`/api/events/${SLUG}/teams`);
    expect(teams.body.teams.find((t) => t.id === teamId)?.checkedInAt).toBe(
      AT.waiting.toISOString(),
    );

    // The camera reads the same badge again: she is in already, and nothing changes.
    await card.getByRole("button", { name: /Done: scan the next code/ }).click();
    await phone.getByText("Zara is already checked in").waitFor();
    await expect
      .poll(() => phone.getByRole("button", { name: /^Check in/ }).isDisabled())
      .toBe(true);
    await screenshot(phone, "check-in-already");
  });

  it("opens a badge's link from a phone's own camera app, through sign-in", async () => {
    const phone = await open(PHONE, "refused");
    await phone.goto(zaraLink);
    await phone.getByLabel("Email").fill(ORGANIZER.email);
    await phone.getByLabel("Password").fill(ORGANIZER.password);
    await phone.getByRole("button", { name: "Sign in" }).click();
    const card = phone.getByRole("article", { name: "Pixel Pals" });
    await card.getByText("Badge of Zara").waitFor();
    await card.getByText("Zara is already checked in").waitFor();
    // The code leaves the address bar once read.
    expect(new URL(phone.url()).hash).toBe("");
  });

  it("says how to allow a refused camera, finds the team by its typed name, ends the day", async () => {
    const phone = await open(PHONE, "refused");
    await signInOrganizerAt(phone, server.url, `/organize/${SLUG}/check-in`);
    await phone.getByRole("button", { name: "Start the camera" }).click();
    await phone.getByText("The camera is blocked for this page.").waitFor();
    await phone.getByRole("button", { name: "Try the camera again" }).waitFor();
    await expectNoAxeViolations(phone, "check-in with the camera refused");
    await screenshot(phone, "check-in-camera-refused");
    await phone.getByLabel("No QR code? Type the team's name").fill("pixel");
    await phone.getByRole("button", { name: "Pixel Pals" }).first().click();
    const card = phone.getByRole("article", { name: "Pixel Pals" });
    await card.getByText("Everyone in this team is already checked in.").waitFor();
    expect(await card.getByRole("button", { name: /^Check in/ }).isDisabled()).toBe(true);

    // The end of day one: everyone goes home, and the team stays in for judging.
    await phone.getByRole("button", { name: "End of the day: check everyone out" }).click();
    await phone.getByRole("button", { name: "Yes, check everyone out" }).click();
    await phone.getByText("2 people checked out. See you tomorrow!").waitFor();
    await phone.getByText("0 people in, out of 2 members.").waitFor();
    expect((await rosterMember(memberIds.zara))?.inSince).toBeNull();
    await expectNoAxeViolations(phone, "check-in after the end of the day");
  });

  it("prints badges eight to an A4 sheet, with a no-photos band", async () => {
    const laptop = await open(LAPTOP, "refused");
    await signInOrganizerAt(laptop, server.url, `/organize/${SLUG}/badges`);
    const zara = laptop.getByRole("article", { name: "Badge: Zara, Pixel Pals, no photos" });
    await zara.getByText("No photos").waitFor();
    await laptop.getByRole("article", { name: /Organizer/ }).waitFor();
    const teacher = laptop.getByRole("article", { name: /Ms Ash.*Teacher|Teacher.*Ms Ash/ });
    await teacher.getByText("Teacher", { exact: true }).waitFor();
    await laptop.getByLabel("Judges, teachers and organizers (2)").waitFor();
    await expect.poll(() => laptop.locator(".qr-loading").count()).toBe(0);
    await expectNoAxeViolations(laptop, "badges");
    await screenshot(laptop, "badges-screen");

    await laptop.emulateMedia({ media: "print" });
    expect(await laptop.locator(".nametag-toolbar").isVisible()).toBe(false);
    mkdirSync(RESULTS_DIR, { recursive: true });
    await zara.screenshot({ path: path.join(RESULTS_DIR, "badge-print.png") });
    await teacher.screenshot({ path: path.join(RESULTS_DIR, "badge-teacher-print.png") });
    const pdf = await laptop.pdf({ preferCSSPageSize: true, printBackground: true });
    writeFileSync(path.join(RESULTS_DIR, "badges.pdf"), pdf);
    await laptop.emulateMedia({ media: null });
    const text = pdf.toString("latin1");
    // Two members, one organizer and one teacher: one sheet.
    expect((text.match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBe(1);
    for (const box of text.match(/\/MediaBox \[[^\]]*\]/g) ?? [])
      expect(box).toMatch(/^\/MediaBox \[0 0 59[45][.\d]* 84[12][.\d]*\]$/);
    // Each 8-up badge is 95 × 68 mm on the paper (96 CSS pixels to the inch).
    await laptop.emulateMedia({ media: "print" });
    const box = await zara.boundingBox();
    await laptop.emulateMedia({ media: null });
    expect(Math.round(((box?.width ?? 0) * 25.4) / 96)).toBe(95);
    expect(Math.round(((box?.height ?? 0) * 25.4) / 96)).toBe(68);

    // One large badge to a page: four pages.
    await laptop.getByLabel("1 large badge on each A4 page").check();
    await laptop.getByRole("button", { name: "Print 4 badges (4 pages)" }).waitFor();
    await expect.poll(() => laptop.locator(".qr-loading").count()).toBe(0);
    await laptop.emulateMedia({ media: "print" });
    const single = await laptop.pdf({ preferCSSPageSize: true, printBackground: true });
    writeFileSync(path.join(RESULTS_DIR, "badges-single.pdf"), single);
    await laptop.emulateMedia({ media: null });
    expect((single.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBe(4);
  });

  it("keeps the photographer's list up to date as guardians answer", async () => {
    const laptop = await open(LAPTOP, "refused");
    await signInOrganizerAt(laptop, server.url, `/organize/${SLUG}/photos`);
    await laptop.getByText("1 child must not be photographed.").waitFor();
    await laptop.getByText("Zara", { exact: true }).waitFor();
    expect(await laptop.getByText("Femi", { exact: true }).count()).toBe(0);
    await expectNoAxeViolations(laptop, "photo list");
    // Femi's guardian changes their mind about photos: the list shows it without a reload.
    const paper = await organizer.post(
      `/api/events/${SLUG}/teams/${teamId}/members/${memberIds.femi}/consent`,
      { method: "paper", photoConsent: false },
    );
    expect(paper.status).toBe(200);
    await laptop.getByText("Femi", { exact: true }).waitFor();
    await laptop.getByText("2 children must not be photographed.").waitFor();
    await screenshot(laptop, "photo-list");
  });

  it("logged no console errors or CSP refusals", async () => {
    for (const context of contexts) await context.close();
    expect(consoleErrors.flat()).toEqual([]);
  });
});
