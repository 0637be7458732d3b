/**
 * A course search as a plain GET form to the catalog: works without JavaScript, and the address it leads to
 * can be shared. `tone` fits it on the brand gradient or on white. Inside another form (`formId`), that form's
 * one submit button searches.
 */
export function SearchBox({
  defaultValue,
  tone = "light",
  formId,
}: {
  defaultValue?: string;
  tone?: "light" | "dark";
  /** Submit as part of another form (the catalog's filters) instead of a form of its own. */
  formId?: string;
}) {
  const field = (
    <div className="flex w-full gap-2">
      <label htmlFor={formId ? `${formId}-q` : "search-q"} className="sr-only">
        Search courses
      </label>
      <input
        id={formId ? `${formId}-q` : "search-q"}
        form={formId}
        type="search"
        name="q"
        defaultValue={defaultValue}
        maxLength={200}
        placeholder="Search courses"
        autoComplete="off"
        className={`min-w-0 flex-1 rounded-lg border px-4 py-2.5 text-base text-slate-900 placeholder:text-slate-500 ${
          tone === "dark" ? "border-transparent bg-white shadow" : "border-slate-300 bg-white"
        }`}
      />
      {formId ? null : (
        <button
          type="submit"
          className={`shrink-0 rounded-lg px-4 py-2.5 font-medium ${
            tone === "dark"
              ? "bg-amber-400 text-slate-900 hover:bg-amber-300"
              : "bg-brand-600 text-white hover:bg-brand-700"
          }`}
        >
          Search
        </button>
      )}
    </div>
  );
  if (formId) return field;
  return (
    <form action="/courses" method="get" role="search" aria-label="Courses">
      {field}
    </form>
  );
}
