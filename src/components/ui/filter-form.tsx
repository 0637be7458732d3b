import Link from "next/link";
import { Alert } from "./alert";
import { buttonClass } from "./button";

export type FilterField = {
  name: string;
  label: string;
  defaultValue?: string;
  placeholder?: string;
} & ({ type?: "text" | "date" | "search" } | { type: "select"; options: { value: string; label: string }[] });

/** "From" and "To" date fields (the parameters `from` and `to`). */
export function dateRangeFields(params: { from?: string; to?: string }): FilterField[] {
  return [
    { name: "from", label: "From", type: "date", defaultValue: params.from },
    { name: "to", label: "To", type: "date", defaultValue: params.to },
  ];
}

const control = "mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2 text-sm";

/**
 * A GET form of labelled filters with one submit button and "Clear" (the page without parameters): the
 * filters live in the address, so a filtered list can be bookmarked and works without JavaScript.
 */
export function FilterForm({
  label,
  clearHref,
  fields,
  submitLabel = "Filter",
  className = "mt-6 grid gap-3 sm:grid-cols-3 lg:grid-cols-6",
  children,
  error,
}: {
  /** The form's accessible name ("Filter payments"). */
  label: string;
  clearHref: string;
  fields: FilterField[];
  submitLabel?: string;
  className?: string;
  /** Hidden inputs or anything else the form must carry. */
  children?: React.ReactNode;
  /** Why the list could not be read with these filters, shown under the form. */
  error?: string | null;
}) {
  return (
    <>
      <form className={className} aria-label={label} method="get">
        {children}
        {fields.map((f) => (
          <label key={f.name} className="text-sm">
            {f.label}
            {f.type === "select" ? (
              <select name={f.name} defaultValue={f.defaultValue ?? ""} className={control}>
                {f.options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            ) : (
              <input
                name={f.name}
                type={f.type ?? "text"}
                defaultValue={f.defaultValue}
                placeholder={f.placeholder}
                className={control}
              />
            )}
          </label>
        ))}
        <div className="flex items-end gap-2">
          <button className={buttonClass({ size: "md", className: "text-sm" })}>{submitLabel}</button>
          <Link href={clearHref} className="px-2 py-2 text-sm underline">
            Clear
          </Link>
        </div>
      </form>
      {error ? (
        <Alert tone="error" className="mt-4">
          {error}
        </Alert>
      ) : null}
    </>
  );
}
