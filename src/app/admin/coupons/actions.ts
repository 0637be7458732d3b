"use server";

import { formString, handleForm, type ActionResult } from "@/server/http/action";
import { AppError } from "@/server/errors";
import { getEnv } from "@/server/env";
import { createCoupon, updateCoupon } from "@/server/payments/coupon-admin";
import { parseMoneyInput } from "@/lib/money";

/**
 * The coupon forms (admin console and a course owner's coupons page) → the coupon service, which authorizes.
 * Form strings become the API's shape: an amount in currency units becomes cents, dates typed in the
 * browser's date-time field are read as UTC, blanks mean "none".
 */
function readDiscount(form: FormData) {
  const kind = formString(form, "kind");
  const value = formString(form, "value").trim();
  if (!value) return {};
  if (kind === "amount") {
    const parsed = parseMoneyInput(value, getEnv().currency);
    if (!parsed.ok)
      throw new AppError("INVALID_INPUT", {
        userMessage: parsed.message,
        fields: [{ path: "value", message: parsed.message }],
      });
    return { amountOff: parsed.minor, percentOff: null };
  }
  const percent = Number(value);
  if (!/^\d{1,3}$/.test(value) || percent < 1 || percent > 100) {
    const message = "A percentage is a whole number from 1 to 100.";
    throw new AppError("INVALID_INPUT", { userMessage: message, fields: [{ path: "value", message }] });
  }
  return { percentOff: percent, amountOff: null };
}

const utc = (v: string) => (v.trim() ? `${v.trim().length === 16 ? `${v.trim()}:00` : v.trim()}Z` : null);
const count = (v: string) => (v.trim() ? Number(v.trim()) : null);

function readLimits(form: FormData) {
  return {
    startsAt: utc(formString(form, "startsAt")),
    endsAt: utc(formString(form, "endsAt")),
    maxRedemptions: count(formString(form, "maxRedemptions")),
    perUserLimit: count(formString(form, "perUserLimit")) ?? 1,
    active: formString(form, "active") === "on",
  };
}

/** Field names of the service's errors, mapped to the form's. */
const FORM_FIELD: Record<string, string> = { percentOff: "value", amountOff: "value" };
function renameFields(e: unknown): never {
  if (e instanceof AppError && e.fields) {
    throw new AppError(e.code, {
      userMessage: e.userMessage,
      fields: e.fields.map((f) => ({ ...f, path: FORM_FIELD[f.path] ?? f.path })),
    });
  }
  throw e;
}

export async function createCouponAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return handleForm(
    form,
    (f) => f,
    async (f, { db, actor, audit }) => {
      const courseId = formString(f, "courseId").trim() || null;
      const coupon = await createCoupon(
        db,
        actor,
        { code: formString(f, "code"), courseId, ...readDiscount(f), ...readLimits(f) },
        audit,
      ).catch(renameFields);
      return `Coupon ${coupon.code} created.`;
    },
    { revalidate: ["/admin/coupons", ["/instructor/courses/[id]/coupons", "page"]] },
  );
}

export async function updateCouponAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return handleForm(
    form,
    (f) => f,
    async (f, { db, actor, audit }) => {
      const id = formString(f, "id").slice(0, 64);
      const only = formString(f, "only");
      const input =
        only === "active"
          ? { active: formString(f, "active") === "on" }
          : { ...readDiscount(f), ...readLimits(f) };
      const coupon = await updateCoupon(db, actor, id, input, audit).catch(renameFields);
      if (only === "active")
        return coupon.active ? `${coupon.code} is active again.` : `${coupon.code} is deactivated.`;
      return `Coupon ${coupon.code} saved.`;
    },
    { revalidate: ["/admin/coupons", ["/instructor/courses/[id]/coupons", "page"]] },
  );
}
