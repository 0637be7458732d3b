export type RubricView = {
  id: string;
  title: string;
  description: string | null;
  levels: { id: string; title: string; points: number }[];
}[];

/** A rubric as a table: one row per criterion, its levels with points; a reviewer's chosen levels marked. */
export function RubricTable({
  rubric,
  scores,
  caption,
}: {
  rubric: RubricView;
  scores?: { criterionId: string; levelId: string }[];
  caption: string;
}) {
  const chosen = new Map(scores?.map((s) => [s.criterionId, s.levelId]));
  return (
    <div className="mt-3 overflow-x-auto rounded-xl border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="px-3 pt-2 text-left text-sm font-medium text-slate-700">{caption}</caption>
        <thead className="text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2">
              Criterion
            </th>
            <th scope="col" className="px-3 py-2">
              Levels (points)
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 align-top">
          {rubric.map((c) => (
            <tr key={c.id}>
              <th scope="row" className="px-3 py-2 font-medium">
                {c.title}
                {c.description ? (
                  <span className="block text-xs font-normal text-slate-500">{c.description}</span>
                ) : null}
              </th>
              <td className="px-3 py-2">
                <ul className="flex flex-wrap gap-2">
                  {c.levels.map((l) => {
                    const picked = chosen.get(c.id) === l.id;
                    return (
                      <li
                        key={l.id}
                        className={`rounded-md border px-2 py-1 ${picked ? "border-brand-600 bg-brand-50 font-medium" : "border-slate-200"}`}
                      >
                        {l.title} ({l.points}){picked ? <span className="sr-only"> — given</span> : null}
                      </li>
                    );
                  })}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
