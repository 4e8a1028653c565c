// Makes client/public/favicon.ico from client/public/favicon.svg, for browsers, bookmarks and
// tools that ask for /favicon.ico and cannot draw an SVG icon. Run it after changing the SVG:
//   npx tsx scripts/make-favicon.ts
// It draws the SVG at 16, 32 and 48 pixels in the system Chromium (as the browser tests do)
// and packs the three PNGs into one ICO file, which every browser since 2007 reads.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SVG = path.join(ROOT, "client", "public", "favicon.svg");
const ICO = path.join(ROOT, "client", "public", "favicon.ico");
const SIZES = [16, 32, 48];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu"],
});
const pngs: Buffer[] = [];
try {
  const svg = readFileSync(SVG, "utf8");
  for (const size of SIZES) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(
      `<style>*{margin:0}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`,
    );
    pngs.push(await page.locator("svg").screenshot({ omitBackground: true }));
    await page.close();
  }
} finally {
  await browser.close();
}

// ICONDIR, then one ICONDIRENTRY per image, then the PNGs themselves.
const header = Buffer.alloc(6 + 16 * pngs.length);
header.writeUInt16LE(0, 0);
header.writeUInt16LE(1, 2);
header.writeUInt16LE(pngs.length, 4);
let offset = header.length;
for (const [i, png] of pngs.entries()) {
  const entry = 6 + 16 * i;
  header.writeUInt8(SIZES[i]!, entry);
  header.writeUInt8(SIZES[i]!, entry + 1);
  header.writeUInt16LE(1, entry + 4);
  header.writeUInt16LE(32, entry + 6);
  header.writeUInt32LE(png.length, entry + 8);
  header.writeUInt32LE(offset, entry + 12);
  offset += png.length;
}
writeFileSync(ICO, Buffer.concat([header, ...pngs]));
console.log(`Wrote ${path.relative(ROOT, ICO)} (${SIZES.join(", ")} px).`);
