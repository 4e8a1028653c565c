/** Awards as every results screen shows them: keyed, named and grouped by category. */
import type { Award } from "../../shared/api";
import { ordinal } from "./format";

/** A category has one prize per place, so the pair names an award. */
export const awardKey = (award: { categoryId: string; place: number }) =>
  `${award.categoryId}:${award.place}`;

/** 3 → "3rd place". */
export const placeName = (place: number) => `${ordinal(place)} place`;

const WORDS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth"];

/** 3 → "third", for the build-up ("In third place…"); past the eighth, "9th". */
export const placeWord = (place: number) => WORDS[place - 1] ?? ordinal(place);

export interface CategoryAwards {
  categoryId: string;
  category: string;
  /** Best place first. */
  awards: Award[];
}

/**
 * Awards grouped by category, places in order (1st, 2nd, 3rd). Categories follow `order`
 * (the event's category ids) when given, else the order they were revealed in.
 */
export function byCategory(awards: Award[], order: string[] = []): CategoryAwards[] {
  const groups = new Map<string, CategoryAwards>();
  for (const award of awards) {
    const group = groups.get(award.categoryId) ?? {
      categoryId: award.categoryId,
      category: award.category,
      awards: [],
    };
    group.awards.push(award);
    groups.set(award.categoryId, group);
  }
  const rank = (id: string) => {
    const i = order.indexOf(id);
    return i === -1 ? order.length : i;
  };
  const list = [...groups.values()];
  for (const group of list) group.awards.sort((a, b) => a.place - b.place);
  // A stable sort keeps the reveal order among categories the event's list doesn't name.
  return list.sort((a, b) => rank(a.categoryId) - rank(b.categoryId));
}

/** "given by FARM", or nothing when no sponsor is named. */
export const sponsorLine = (sponsor: string | null) => (sponsor ? `given by ${sponsor}` : "");
