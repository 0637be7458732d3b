"use client";

import { useActionState, useState } from "react";
import { ActionStatus } from "@/components/ui/action-status";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { fieldErrors, keptValue, type ActionResult, type FormAction } from "@/lib/action-result";
import { toMajorUnits } from "@/lib/money";

/** A coupon as the forms need it (dates as ISO strings: they cross from the server). */
export interface CouponFormValues {
  id: string;
  code: string;
  percentOff: number | null;
  amountOff: number | null;
  startsAt: string | null;
  endsAt: string | null;
  maxRedemptions: number | null;
  perUserLimit: number;
  active: boolean;
}

/** "2027-01-31T23:59:00.000Z" → "2027-01-31T23:59" for a datetime-local field (read as UTC). */
const localValue = (iso: string | null) => (iso ? iso.slice(0, 16) : "");

/** The fields shared by creating and editing: the discount, the window and the limits. */
function CouponFields({
  prefix,
  state,
  saved,
  currency,
}: {
  prefix: string;
  state: ActionResult | null;
  saved: Partial<CouponFormValues>;
  currency: string;
}) {
  const errors = fieldErrors(state);
  const savedKind = saved.amountOff != null ? "amount" : "percent";
  const [kind, setKind] = useState(keptValue(state, "kind", savedKind));
  const savedValue =
    saved.amountOff != null
      ? toMajorUnits(saved.amountOff, currency)
      : saved.percentOff != null
        ? String(saved.percentOff)
        : "";
  return (
    <>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id={`${prefix}-kind`} label="Discount">
          <Select name="kind" value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="percent">Percent off</option>
            <option value="amount">Amount off ({currency})</option>
          </Select>
        </Field>
        <Field
          id={`${prefix}-value`}
          label={kind === "amount" ? `Amount (${currency})` : "Percent"}
          inlineHint={kind === "amount" ? "e.g. 10.00" : "1 to 100"}
          error={errors.value}
        >
          <Input
            name="value"
            inputMode="decimal"
            required
            defaultValue={keptValue(state, "value", savedValue)}
          />
        </Field>
        <Field id={`${prefix}-starts`} label="Starts" inlineHint="UTC, optional" error={errors.startsAt}>
          <Input
            type="datetime-local"
            name="startsAt"
            defaultValue={keptValue(state, "startsAt", localValue(saved.startsAt ?? null))}
          />
        </Field>
        <Field id={`${prefix}-ends`} label="Ends" inlineHint="UTC, optional" error={errors.endsAt}>
          <Input
            type="datetime-local"
            name="endsAt"
            defaultValue={keptValue(state, "endsAt", localValue(saved.endsAt ?? null))}
          />
        </Field>
        <Field
          id={`${prefix}-max`}
          label="Total uses"
          inlineHint="blank: no limit"
          error={errors.maxRedemptions}
        >
          <Input
            type="number"
            min={1}
            name="maxRedemptions"
            defaultValue={keptValue(state, "maxRedemptions", saved.maxRedemptions?.toString() ?? "")}
          />
        </Field>
        <Field id={`${prefix}-per-user`} label="Uses per person" error={errors.perUserLimit}>
          <Input
            type="number"
            min={1}
            name="perUserLimit"
            required
            defaultValue={keptValue(state, "perUserLimit", String(saved.perUserLimit ?? 1))}
          />
        </Field>
      </div>
      <label className="mt-3 flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          name="active"
          defaultChecked={state && !state.ok ? state.values?.active === "on" : (saved.active ?? true)}
        />
        Active (buyers can use it)
      </label>
    </>
  );
}

/** A new coupon: code and course, then the shared fields. */
export function CreateCouponForm({
  action,
  courses,
  fixedCourseId,
  allowAllCourses,
  currency,
}: {
  action: FormAction;
  /** Courses to choose from (admins: every course, plus "all courses"). */
  courses: { id: string; title: string }[];
  /** The owner's page: the coupon is for this course. */
  fixedCourseId?: string;
  allowAllCourses: boolean;
  currency: string;
}) {
  const [state, formAction, pending] = useActionState<ActionResult | null, FormData>(action, null);
  const errors = fieldErrors(state);
  // A successful creation empties the form for the next one (React resets it); a failure keeps what was typed.
  return (
    <form
      action={formAction}
      className="rounded-2xl border border-slate-200 bg-white p-5"
      aria-labelledby="new-coupon"
    >
      <h2 id="new-coupon" className="text-lg font-semibold">
        New coupon
      </h2>
      <div className="mt-3 grid gap-3 sm:grid-cols-2">
        <Field id="coupon-code" label="Code" inlineHint="4–32 letters, digits, hyphens" error={errors.code}>
          <Input
            name="code"
            required
            maxLength={32}
            autoCapitalize="characters"
            spellCheck={false}
            defaultValue={keptValue(state, "code", "")}
          />
        </Field>
        {fixedCourseId ? (
          <input type="hidden" name="courseId" value={fixedCourseId} />
        ) : (
          <Field id="coupon-course" label="Course" error={errors.courseId}>
            <Select name="courseId" defaultValue={keptValue(state, "courseId", "")}>
              {allowAllCourses ? <option value="">Every course</option> : null}
              {courses.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.title}
                </option>
              ))}
            </Select>
          </Field>
        )}
      </div>
      <div className="mt-3">
        <CouponFields prefix="new-coupon" state={state} saved={{}} currency={currency} />
      </div>
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <Button disabled={pending}>{pending ? "Creating…" : "Create coupon"}</Button>
        <ActionStatus state={state} />
      </div>
    </form>
  );
}

/** One coupon's row controls: activate/deactivate at once, or edit its terms in a disclosure. */
export function CouponRowActions({
  action,
  coupon,
  currency,
}: {
  action: FormAction;
  coupon: CouponFormValues;
  currency: string;
}) {
  const [toggleState, toggle, toggling] = useActionState<ActionResult | null, FormData>(action, null);
  const [editState, edit, saving] = useActionState<ActionResult | null, FormData>(action, null);
  return (
    <div className="space-y-2">
      <form action={toggle}>
        <input type="hidden" name="id" value={coupon.id} />
        <input type="hidden" name="only" value="active" />
        {coupon.active ? null : <input type="hidden" name="active" value="on" />}
        <Button variant="secondary" size="xs" disabled={toggling}>
          {coupon.active ? "Deactivate" : "Activate"}
          <span className="sr-only"> {coupon.code}</span>
        </Button>
        <ActionStatus state={toggleState} size="xs" />
      </form>
      <details className="text-sm" open={editState !== null && !editState.ok}>
        <summary className="cursor-pointer font-medium text-brand-700">
          Edit<span className="sr-only"> {coupon.code}</span>
        </summary>
        <form action={edit} className="mt-2 w-72 max-w-full">
          <input type="hidden" name="id" value={coupon.id} />
          <CouponFields prefix={`edit-${coupon.id}`} state={editState} saved={coupon} currency={currency} />
          <div className="mt-3">
            <Button size="xs" disabled={saving}>
              {saving ? "Saving…" : "Save"}
            </Button>
            <ActionStatus state={editState} size="xs" />
          </div>
        </form>
      </details>
    </div>
  );
}
