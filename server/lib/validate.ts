import type { z } from "zod";
import { AppError } from "./problems";

/** Formats a zod path as "criteria.0.weight"; the request body itself is "body". */
export function pathOf(path: readonly PropertyKey[]): string {
  return path.length ? path.map(String).join(".") : "body";
}

/** Parses input with a schema or throws a 400 `validation` problem listing each field's error. */
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const errors = result.error.issues.map((issue) => ({
    path: pathOf(issue.path),
    message:
      issue.code === "unrecognized_keys"
        ? `Unknown field: ${issue.keys.join(", ")}.`
        : issue.message,
  }));
  throw new AppError("validation", "Some details need fixing: see the list of errors.", errors);
}
