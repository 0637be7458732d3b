import { z } from "zod";
import { AppError, type FieldIssue } from "./errors";

/**
 * Input validation for services (transport-free: services never import from server/http). Every service that
 * takes input from outside parses it with its zod schema through `parseInput`; invalid input is one
 * INVALID_INPUT error naming every field, never a database error.
 */

export function zodIssuesToFields(error: z.ZodError, prefix?: string): FieldIssue[] {
  return error.issues.map((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join(".");
    return { path: path || "(root)", message: issue.message };
  });
}

export function invalidInput(error: z.ZodError, prefix?: string): AppError {
  const fields = zodIssuesToFields(error, prefix);
  return new AppError("INVALID_INPUT", {
    userMessage:
      fields.length === 1
        ? `Invalid ${fields[0]!.path}: ${fields[0]!.message}`
        : `${fields.length} fields are invalid: ${fields.map((f) => f.path).join(", ")}.`,
    fields,
  });
}

/** Parses a service's input with its schema; throws INVALID_INPUT (every field's issue) when it does not fit. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: z.input<S> | unknown,
  prefix?: string,
): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error, prefix);
  return parsed.data;
}
