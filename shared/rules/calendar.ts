/** Names of the calendar, shared by the date rules and the pages that spell dates out. */

/** The months' names in English, January first. */
export const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
