import "server-only";
import { revalidatePath } from "next/cache";
import { redirect, unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import type { ActionResult, ActionValues } from "@/lib/action-result";
import type { Actor } from "../accounts/actor";
import type { AuditContext } from "../audit/record";
import { getActor } from "../auth/session";
import { cookies } from "next/headers";
import { getDatabase, getDb } from "../db";
import { formatLsn, noteOwnWrite, WRITE_POSITION_COOKIE, WRITE_POSITION_MAX_AGE_S } from "../db/replica";
import { getEnv } from "../env";
import { isAppError, isDatabaseUnreachable, UNAVAILABLE_MESSAGE } from "../errors";
import { logger } from "../log";
import { invalidInput } from "../validation";
import { auditContext } from "./request-context";

export type { ActionResult } from "@/lib/action-result";

/** What a server action hands its service: the database, who is asking, and the audit context. */
export interface ActionContext {
  db: Awaited<ReturnType<typeof getDb>>;
  actor: Actor | null;
  audit: AuditContext;
}

/** A success message, or a message/redirect/data; nothing means "ok" without a message. */
export type ActionOutcome<D = undefined> = string | void | { message?: string; redirect?: string; data?: D };

export interface ActionOptions {
  /** Paths to revalidate once the service has run (success or failure: a refused reorder must refresh too). */
  revalidate?: (string | [path: string, type: "layout" | "page"])[];
  /** What a user reads when something unexpected failed (logged); a generic sentence by default. */
  unexpectedError?: string;
  /** The submitted values, echoed back on failure. */
  values?: ActionValues;
}

const GENERIC_ERROR = "Something went wrong on our side. Nothing was changed; please try again.";

/** The string entries of a form (Next.js's own `$ACTION…` fields left out). */
export function formValues(form: FormData): ActionValues {
  const values: ActionValues = {};
  for (const [key, value] of form) {
    if (typeof value === "string" && !key.startsWith("$") && !(key in values)) values[key] = value;
  }
  return values;
}

/** The string value of a form field ("" when absent or a file). */
export function formString(form: FormData, name: string): string {
  const v = form.get(name);
  return typeof v === "string" ? v : "";
}

/**
 * The server-action adapter: context → service → one ActionResult. AppError → its message and field
 * messages; anything else is logged and answered with a generic message. A redirect asked for by the
 * outcome happens after the try, so Next.js's redirect signal is never caught as a failure.
 */
export async function runAction<D = undefined>(
  run: (ctx: ActionContext) => Promise<ActionOutcome<D>>,
  options: ActionOptions = {},
): Promise<ActionResult<D>> {
  let result: ActionResult<D>;
  let target: string | undefined;
  try {
    const [db, actor, audit] = await Promise.all([getDb(), getActor(), auditContext()]);
    const outcome = await run({ db, actor, audit });
    const {
      message,
      redirect: to,
      data,
    } = typeof outcome === "string" ? { message: outcome } : (outcome ?? {});
    target = to;
    await rememberWritePosition(actor);
    result = { ok: true, ...(message ? { message } : {}), ...(data !== undefined ? { data } : {}) };
  } catch (e) {
    unstable_rethrow(e);
    result = failure(e, options);
  }
  for (const path of options.revalidate ?? []) {
    if (typeof path === "string") revalidatePath(path);
    else revalidatePath(path[0], path[1]);
  }
  if (result.ok && target) redirect(target);
  return result;
}

/**
 * A form action: the form is read (a zod schema over its string values, or a reader function), the
 * service runs with `{ db, actor, audit }`, and what was typed comes back when it fails.
 */
export async function handleForm<T, D = undefined>(
  form: FormData,
  read: z.ZodType<T> | ((form: FormData) => T),
  run: (input: T, ctx: ActionContext) => Promise<ActionOutcome<D>>,
  options: Omit<ActionOptions, "values"> = {},
): Promise<ActionResult<D>> {
  const values = formValues(form);
  let input: T;
  if (typeof read === "function") input = read(form);
  else {
    const parsed = read.safeParse(values);
    if (!parsed.success) return failure(invalidInput(parsed.error), { values });
    input = parsed.data;
  }
  return runAction((ctx) => run(input, ctx), { ...options, values });
}

/**
 * With a read replica, the writer's next reads (this request's render included) wait until the replica has
 * replayed this write: its WAL position goes in a short-lived cookie (src/server/db/replica.ts). A failure
 * here only costs that guarantee's precision, never the action.
 */
async function rememberWritePosition(actor: Actor | null) {
  const lsn = await (await getDatabase()).writePosition();
  if (lsn === undefined) return;
  noteOwnWrite(actor?.id, lsn);
  try {
    (await cookies()).set(WRITE_POSITION_COOKIE, formatLsn(lsn), {
      path: "/",
      maxAge: WRITE_POSITION_MAX_AGE_S,
      httpOnly: true,
      sameSite: "lax",
      secure: getEnv().isHttps,
    });
  } catch (e) {
    logger.warn("action: the write position cookie could not be set", { err: e });
  }
}

function failure(e: unknown, options: ActionOptions): ActionResult<never> {
  const values = options.values ? { values: options.values } : {};
  if (isAppError(e)) {
    const fields = e.fields ? Object.fromEntries(e.fields.map((f) => [f.path, f.message])) : undefined;
    return { ok: false, error: e.userMessage, ...(fields ? { fields } : {}), ...values };
  }
  if (isDatabaseUnreachable(e)) {
    logger.warn("action failed: database unreachable", { err: e });
    return { ok: false, error: `${UNAVAILABLE_MESSAGE} Nothing was changed.`, ...values };
  }
  logger.error("action failed", { err: e });
  return { ok: false, error: options.unexpectedError ?? GENERIC_ERROR, ...values };
}
