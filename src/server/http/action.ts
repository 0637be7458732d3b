import "server-only";
import { isAppError } from "../errors";
import { logger } from "../log";

export type ActionResult =
  { ok: true; message?: string } | { ok: false; error: string; fields?: Record<string, string> };

/** Server-action adapter: AppError → its message (and field messages); anything else → a generic message. */
export async function runAction(fn: () => Promise<string | void>): Promise<ActionResult> {
  try {
    const message = await fn();
    return { ok: true, ...(message ? { message } : {}) };
  } catch (e) {
    if (isAppError(e)) {
      const fields = e.fields ? Object.fromEntries(e.fields.map((f) => [f.path, f.message])) : undefined;
      return { ok: false, error: e.userMessage, ...(fields ? { fields } : {}) };
    }
    logger.error("action failed", { err: e });
    return { ok: false, error: "Something went wrong on our side. Nothing was changed; please try again." };
  }
}
