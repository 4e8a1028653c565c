import { z } from "zod";
import { LIMITS } from "../shared/limits";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const ConfigSchema = z.object({
  PORT: z.coerce
    .number({ error: "PORT must be a number." })
    .int({ error: "PORT must be a whole number." })
    .min(0, { error: "PORT must be between 0 and 65535." })
    .max(65535, { error: "PORT must be between 0 and 65535." })
    .default(3000),
  HOST: z.string().trim().min(1, { error: "HOST can't be empty." }).default("0.0.0.0"),
  DATA_DIR: z.string().trim().min(1, { error: "DATA_DIR can't be empty." }).default("./data"),
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), {
      error: "DATABASE_URL must start with postgres:// or postgresql://.",
    }),
  ORGANIZER_EMAIL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v.toLowerCase() : undefined))
    .refine((v) => v === undefined || z.email().safeParse(v).success, {
      error: "ORGANIZER_EMAIL must be an email address.",
    }),
  ORGANIZER_PASSWORD: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || v.length >= LIMITS.passwordMin, {
      error: `ORGANIZER_PASSWORD must have at least ${LIMITS.passwordMin} characters.`,
    }),
  PUBLIC_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v.replace(/\/+$/, "") : undefined))
    .refine((v) => v === undefined || /^https?:\/\/[^/]+/.test(v), {
      error: "PUBLIC_URL must be a web address like http://192.168.1.20:3000.",
    }),
  SMTP_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || /^smtps?:\/\//.test(v), {
      error: "SMTP_URL must start with smtp:// or smtps://.",
    }),
  MAIL_FROM: z.string().trim().default("Hack Manchester Junior <no-reply@localhost>"),
  REALTIME_ADAPTER: z
    .enum(["memory", "postgres"], { error: 'REALTIME_ADAPTER must be "memory" or "postgres".' })
    .default("memory"),
  RATE_LIMITS: z.enum(["on", "off"], { error: 'RATE_LIMITS must be "on" or "off".' }).default("on"),
  LOG_LEVEL: z
    .enum(LOG_LEVELS, { error: `LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}.` })
    .default("info"),
});

export type Config = z.infer<typeof ConfigSchema>;

/** Whether rate limits are on: everywhere but where RATE_LIMITS=off says otherwise. */
export function rateLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.RATE_LIMITS?.trim().toLowerCase() !== "off";
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Configuration problem:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

/** Reads and checks the configuration; throws a ConfigError that names every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  }
  const config = parsed.data;
  if (config.REALTIME_ADAPTER === "postgres" && !config.DATABASE_URL) {
    throw new ConfigError([
      "REALTIME_ADAPTER=postgres needs DATABASE_URL: the instances share that PostgreSQL.",
    ]);
  }
  if (Boolean(config.ORGANIZER_EMAIL) !== Boolean(config.ORGANIZER_PASSWORD)) {
    throw new ConfigError(["ORGANIZER_EMAIL and ORGANIZER_PASSWORD must be set together."]);
  }
  return config;
}
