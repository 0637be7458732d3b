/**
 * The one result shape of every server action (framework-free, so components import it). `values` are the
 * submitted strings, returned when saving fails so the form can show what was typed (React 19 resets an
 * uncontrolled form after an action: render `defaultValue={state?.values?.x ?? saved.x}`). `data` carries
 * what a programmatic action answers (a slug check, a preview).
 */
export type ActionValues = Record<string, string>;

export type ActionResult<D = undefined> =
  | { ok: true; message?: string; values?: ActionValues; data?: D }
  | { ok: false; error: string; fields?: Record<string, string>; values?: ActionValues };

/** A server action used with `useActionState`. */
export type FormAction = (prev: ActionResult | null, form: FormData) => Promise<ActionResult>;

/** The value the user typed for `name` after a failed submission, else the saved one. */
export function keptValue(state: ActionResult<unknown> | null, name: string, saved: string): string {
  return state && !state.ok ? (state.values?.[name] ?? saved) : saved;
}

/** The field messages of a failed submission ({} otherwise). */
export function fieldErrors(state: ActionResult<unknown> | null): Record<string, string> {
  return state && !state.ok ? (state.fields ?? {}) : {};
}
