export interface BarDatum {
  label: string;
  value: number;
}

/**
 * A server-rendered SVG bar chart. Every bar carries its value as text (readable without colour), the SVG
 * has a title and description for screen readers, and the same figures follow in a data table.
 */
export function BarChart({
  id,
  title,
  data,
  format = (n: number) => n.toLocaleString("en-US"),
}: {
  id: string;
  title: string;
  data: BarDatum[];
  format?: (n: number) => string;
}) {
  const max = Math.max(1, ...data.map((d) => d.value));
  const rowHeight = 28;
  const labelWidth = 130;
  const width = 520;
  const barSpace = width - labelWidth - 90;
  const height = Math.max(rowHeight, data.length * rowHeight) + 8;
  return (
    <figure className="rounded-2xl border border-slate-200 bg-white p-4">
      <figcaption id={`${id}-title`} className="font-semibold">
        {title}
      </figcaption>
      {data.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">No data yet.</p>
      ) : (
        <>
          {/* On a phone the figures come first, as a table; wider screens keep it one click away. */}
          <div className="mt-2 text-sm sm:hidden">
            <DataRows data={data} format={format} />
          </div>
          <svg
            role="img"
            aria-labelledby={`${id}-title ${id}-desc`}
            viewBox={`0 0 ${width} ${height}`}
            className="mt-3 h-auto w-full"
          >
            <desc id={`${id}-desc`}>{data.map((d) => `${d.label}: ${format(d.value)}`).join("; ")}</desc>
            {data.map((d, i) => {
              const y = 4 + i * rowHeight;
              const w = Math.max(2, (d.value / max) * barSpace);
              return (
                <g key={d.label}>
                  <text x={labelWidth - 8} y={y + 17} textAnchor="end" fontSize="12" fill="#334155">
                    {/* A long label is shortened to fit; the full text shows on hover and in the table. */}
                    <title>{d.label}</title>
                    {shorten(d.label)}
                  </text>
                  <rect x={labelWidth} y={y + 4} width={w} height={rowHeight - 10} rx="4" fill="#4f46e5" />
                  <text x={labelWidth + w + 6} y={y + 17} fontSize="12" fill="#0f172a">
                    {format(d.value)}
                  </text>
                </g>
              );
            })}
          </svg>
          <details className="mt-2 hidden text-sm sm:block">
            <summary className="cursor-pointer text-slate-600">Show the data</summary>
            <DataRows data={data} format={format} />
          </details>
        </>
      )}
    </figure>
  );
}

/** Labels longer than the label column are cut with an ellipsis (about 20 characters fit at 12 px). */
const MAX_LABEL = 20;
const shorten = (label: string) => (label.length > MAX_LABEL ? `${label.slice(0, MAX_LABEL - 1)}…` : label);

function DataRows({ data, format }: { data: BarDatum[]; format: (n: number) => string }) {
  return (
    <table className="mt-2 w-full text-left">
      <thead>
        <tr className="text-slate-500">
          <th scope="col" className="py-1 font-medium">
            Label
          </th>
          <th scope="col" className="py-1 text-right font-medium">
            Value
          </th>
        </tr>
      </thead>
      <tbody>
        {data.map((d) => (
          <tr key={d.label} className="border-t border-slate-100">
            <td className="py-1">{d.label}</td>
            <td className="py-1 text-right">{format(d.value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
