import { z } from "zod";
import { LIMITS } from "../limits";
import { IdSchema, text } from "./common";

/** What the scanner read, or what the organizer typed: a check-in link or its code. */
export const CheckInScanSchema = z.strictObject({
  code: text(LIMITS.scannedTextMax, "The code"),
});
export type CheckInScanInput = z.infer<typeof CheckInScanSchema>;

const MemberIdsSchema = z
  .array(IdSchema, { error: "List the members as ids." })
  .max(20, { error: "A team has at most a few members." })
  .refine((ids) => new Set(ids).size === ids.length, { error: "A member is listed twice." });

/** Members arriving or leaving; no member ids means the whole team. */
export const CheckInMembersSchema = z.strictObject({
  teamId: IdSchema,
  memberIds: MemberIdsSchema.default([]),
  via: z.enum(["scan", "typed"], { error: 'Say how the team was found: "scan" or "typed".' }),
});
export type CheckInMembersInput = z.infer<typeof CheckInMembersSchema>;

export const CheckOutMembersSchema = z.strictObject({
  teamId: IdSchema,
  memberIds: MemberIdsSchema.default([]),
});
export type CheckOutMembersInput = z.infer<typeof CheckOutMembersSchema>;

export const TableNumberSchema = z.strictObject({
  tableNumber: text(LIMITS.tableNumberMax, "The table number")
    .nullable()
    .describe("null clears it"),
});
export type TableNumberInput = z.infer<typeof TableNumberSchema>;
