import { describe, expect, it } from "vitest";
import { createLogger, loggablePath, safeError } from "../../server/lib/logger";

const TOKEN = "GQekQDwRy6RHj6U6UET3N9z6NVJO8SIy7_aHotwIUX4";

describe("the log", () => {
  it("keeps a database error's codes and query but never its parameters, message or detail", () => {
    const cause = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), {
      code: "22021",
      detail: "Key (email)=(pat@example.com) already exists.",
    });
    const error = Object.assign(
      new Error("Failed query: insert into members values ($1)\nparams: Lovelace,2011-06-15"),
      { query: "insert into members values ($1)", params: ["Lovelace", "2011-06-15"], cause },
    );
    const lines: string[] = [];
    createLogger("info", { write: (l) => lines.push(l) }).error(
      { err: error, body: { lastName: "Lovelace" } },
      "unhandled error",
    );
    const line = lines.join("");
    expect(line).toContain('"sqlState":"22021"');
    expect(line).toContain("insert into members values ($1)");
    expect(line).not.toMatch(/Lovelace|2011-06-15|pat@example\.com|0x00/);
  });

  it("keeps no recipients or raw body an error carries", () => {
    const error = Object.assign(new Error("Message failed"), {
      rejected: ["pat@example.com"],
      body: '{"lastName":"Lovelace"}',
    });
    expect(JSON.stringify(safeError(error))).not.toMatch(/pat@example\.com|Lovelace/);
  });

  it("logs paths without tokens or query strings", () => {
    expect(loggablePath(`/api/consent/${TOKEN}?x=1`)).toBe("/api/consent/:token");
    expect(loggablePath("/api/events/hmj-2026/teams/0b7f3e52-1c1e-4c53-8d5e-2f1e6a0c9d11")).toBe(
      "/api/events/hmj-2026/teams/0b7f3e52-1c1e-4c53-8d5e-2f1e6a0c9d11",
    );
  });
});
