import type { ReactNode } from "react";

export interface Column<T> {
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** Classes of this column's cells (e.g. "whitespace-nowrap"). */
  className?: string;
  /** The column that names each row: its cells are row headers. */
  rowHeader?: boolean;
}

/**
 * A table with a caption, column headers and rows; scrolls sideways on small screens instead of squeezing.
 * With no rows it shows `empty` instead.
 */
export function DataTable<T>({
  caption,
  showCaption = false,
  columns,
  rows,
  rowKey,
  rowClassName,
  empty,
  className = "",
  scrollable = false,
  stackOnPhone = false,
}: {
  caption: string;
  /** The caption is read by screen readers; shown only when asked. */
  showCaption?: boolean;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  /** Classes of a row (e.g. a highlight). */
  rowClassName?: (row: T) => string | undefined;
  empty?: ReactNode;
  className?: string;
  /**
   * Wider than a phone by design (long names, code): the scrolling box is a named, focusable region so a
   * keyboard can scroll it (WCAG 2.1.1; axe's scrollable-region-focusable).
   */
  scrollable?: boolean;
  /**
   * On a phone each row becomes a card of "label: value" lines instead of a table wider than the screen
   * (the `.stack-table` rules in globals.css). The roles are written out: a table displayed as blocks keeps
   * its meaning for screen readers that way.
   */
  stackOnPhone?: boolean;
}) {
  // A phone's stacked rows label each cell with its column's header, when that header is words.
  const labelOf = (c: Column<T>) => (typeof c.header === "string" ? c.header : "");
  const roles = (role: string) => (stackOnPhone ? { role } : {});
  if (rows.length === 0 && empty !== undefined) return <>{empty}</>;
  return (
    <div
      className={`overflow-x-auto rounded-2xl border border-slate-200 bg-white ${className}`}
      {...(scrollable ? { tabIndex: 0, role: "region", "aria-label": caption } : {})}
    >
      <table className={`w-full text-left text-sm ${stackOnPhone ? "stack-table" : ""}`} {...roles("table")}>
        <caption
          className={showCaption ? "px-4 pt-3 text-left text-sm font-medium text-slate-700" : "sr-only"}
        >
          {caption}
        </caption>
        <thead className="bg-slate-50 text-slate-600" {...roles("rowgroup")}>
          <tr {...roles("row")}>
            {columns.map((c, i) => (
              <th key={i} scope="col" className="px-4 py-3 font-medium" {...roles("columnheader")}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 align-top" {...roles("rowgroup")}>
          {rows.map((row) => (
            <tr key={rowKey(row)} className={rowClassName?.(row)} {...roles("row")}>
              {columns.map((c, i) =>
                c.rowHeader ? (
                  <th
                    key={i}
                    scope="row"
                    className={`px-4 py-3 text-left ${c.className ?? ""}`}
                    data-label={stackOnPhone ? labelOf(c) : undefined}
                    {...roles("rowheader")}
                  >
                    {stackOnPhone ? <div className="min-w-0">{c.cell(row)}</div> : c.cell(row)}
                  </th>
                ) : (
                  <td
                    key={i}
                    className={`px-4 py-3 ${c.className ?? ""}`}
                    data-label={stackOnPhone ? labelOf(c) : undefined}
                    {...roles("cell")}
                  >
                    {stackOnPhone ? <div className="min-w-0">{c.cell(row)}</div> : c.cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
