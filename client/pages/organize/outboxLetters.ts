/** Which outbox emails print as guardians' consent letters. */
import type { OutboxView } from "../../../shared/api";

/** A consent email whose guardian has not answered and whose link still works. */
export const isOpenLetter = (m: OutboxView) =>
  m.consent !== null && m.status !== "answered" && m.status !== "replaced";

/** The letters to print in one go: open consent emails no mail server has delivered. */
export const isUnsentLetter = (m: OutboxView) => isOpenLetter(m) && m.status !== "sent";
