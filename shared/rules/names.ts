/**
 * When two team names are the same name: as they look on the projector, not as they are
 * spelled in Unicode. "Pixel Pandas", "PIXEL  PANDAS", "Pixel Pan\u200Bdas" (an invisible
 * space) and "Ріxel Pandas" (Cyrillic Р and і) all read as one team, so only the first
 * to sign up may have it.
 */

// Letters of other alphabets that look like a Latin letter, after lower-casing (so a capital
// that looks like a Latin capital maps to that letter too: Cyrillic В, Н, Т are B, H, T).
// From Unicode's confusables (UTS #39) for the scripts a team name is likely typed in.
const LOOK_ALIKES: Record<string, string> = {
  // Cyrillic
  а: "a",
  в: "b",
  е: "e",
  ё: "ë",
  з: "3",
  і: "i",
  ї: "ï",
  ј: "j",
  к: "k",
  м: "m",
  н: "h",
  о: "o",
  р: "p",
  с: "c",
  т: "t",
  у: "y",
  х: "x",
  ѕ: "s",
  һ: "h",
  ԁ: "d",
  ԛ: "q",
  ԝ: "w",
  ӏ: "l",
  ү: "y",
  ѵ: "v",
  ʙ: "b",
  // Greek
  α: "a",
  β: "b",
  γ: "y",
  ε: "e",
  ζ: "z",
  η: "h",
  ι: "i",
  κ: "k",
  μ: "m",
  ν: "v",
  ο: "o",
  ρ: "p",
  σ: "o",
  τ: "t",
  υ: "u",
  χ: "x",
  ω: "w",
  ϲ: "c",
  ϳ: "j",
  // Armenian
  օ: "o",
  ս: "u",
  հ: "h",
  ո: "n",
  ց: "g",
  // Latin letters that look like plainer ones
  ı: "i",
  ɩ: "i",
  ɑ: "a",
  ɡ: "g",
  ʏ: "y",
  ɴ: "n",
  ʀ: "r",
  ꜱ: "s",
  ᴄ: "c",
  ᴏ: "o",
  ᴜ: "u",
  ᴠ: "v",
  ᴡ: "w",
  ᴢ: "z",
};

// Characters that change how text is drawn but are not drawn themselves: direction overrides
// (which can show a name backwards), zero-width spaces, the byte-order mark, soft hyphens.
const INVISIBLE =
  /[\u00AD\u061C\u180E\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/**
 * A team name as it is stored: NFC, without the invisible characters above, spaces collapsed.
 * Joiners and variation selectors stay: emoji and some scripts need them.
 */
export function cleanTeamName(name: string): string {
  return name.normalize("NFC").replace(INVISIBLE, "").replace(/\s+/g, " ").trim();
}

/**
 * The key two names share when they look the same: NFKC (full-width and "fancy" letters
 * become plain ones), no default-ignorable characters at all, lower case, look-alike letters
 * of other alphabets as the Latin letter, one kind of dash, quote and space.
 */
export function teamNameKey(name: string): string {
  const plain = name
    .normalize("NFKC")
    .replace(/\p{Default_Ignorable_Code_Point}/gu, "")
    .toLowerCase();
  let out = "";
  for (const ch of plain) out += LOOK_ALIKES[ch] ?? ch;
  return out
    .replace(/\p{Dash_Punctuation}/gu, "-")
    .replace(/[‘’‚‛′`´]/g, "'")
    .replace(/[“”„‟″]/g, '"')
    .replace(/\s+/g, " ")
    .trim()
    .normalize("NFC");
}
