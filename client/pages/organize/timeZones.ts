import { isTimeZone } from "../../../shared/rules/timezones";

/** Zones an organizer is likely to need, UK first; the runtime must know each one. */
const COMMON: [zone: string, label: string][] = [
  ["Europe/London", "UK (London)"],
  ["Europe/Dublin", "Ireland (Dublin)"],
  ["Europe/Lisbon", "Portugal (Lisbon)"],
  ["Europe/Paris", "France (Paris)"],
  ["Europe/Madrid", "Spain (Madrid)"],
  ["Europe/Amsterdam", "Netherlands (Amsterdam)"],
  ["Europe/Berlin", "Germany (Berlin)"],
  ["Europe/Athens", "Greece (Athens)"],
  ["America/New_York", "US Eastern (New York)"],
  ["America/Chicago", "US Central (Chicago)"],
  ["America/Denver", "US Mountain (Denver)"],
  ["America/Los_Angeles", "US Pacific (Los Angeles)"],
  ["America/Toronto", "Canada (Toronto)"],
  ["Asia/Dubai", "UAE (Dubai)"],
  ["Asia/Kolkata", "India (Kolkata)"],
  ["Asia/Singapore", "Singapore"],
  ["Asia/Tokyo", "Japan (Tokyo)"],
  ["Australia/Sydney", "Australia (Sydney)"],
  ["Pacific/Auckland", "New Zealand (Auckland)"],
  ["UTC", "UTC"],
];

export const DEFAULT_TIME_ZONE = "Europe/London";

/** The options for the time-zone select, including `current` when it is not a common one. */
export function timeZoneOptions(current: string): [zone: string, label: string][] {
  const known = COMMON.filter(([zone]) => isTimeZone(zone));
  if (current && !known.some(([zone]) => zone === current)) known.push([current, current]);
  return known;
}
