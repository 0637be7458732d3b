import { z } from "zod";
import { AppError, ERROR_STATUS, type ErrorCode, type FieldIssue } from "../errors";

/** The body of every /api/v1 error: `{ "error": { "code", "message", "fields"? } }`. */
export const ZApiError = z.object({
  error: z.object({
    code: z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]),
    message: z.string(),
    requestId: z.string().optional(),
    fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type TApiError = z.infer<typeof ZApiError>;

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

export function errorBody(err: AppError, requestId?: string): TApiError {
  return {
    error: {
      code: err.code,
      message: err.userMessage,
      ...(requestId ? { requestId } : {}),
      ...(err.fields ? { fields: err.fields } : {}),
    },
  };
}
