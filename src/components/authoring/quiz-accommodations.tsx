"use client";

import { useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { formatDate } from "@/lib/dates";

export interface AccommodationItem {
  userId: string;
  name: string | null;
  email: string;
  extraTimePercent: number;
  extraAttempts: number;
  updatedAt: string;
}

const input = "mt-1 w-full rounded-lg border border-slate-300 px-3 py-2 text-sm";

/** Extra time and extra attempts per student on one quiz (saved at once, audited on the server). */
export function QuizAccommodations({
  lessonId,
  initial,
}: {
  lessonId: string;
  initial: AccommodationItem[];
}) {
  const [items, setItems] = useState(initial);
  const [email, setEmail] = useState("");
  const [time, setTime] = useState("25");
  const [attempts, setAttempts] = useState("0");
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const base = `/api/v1/instructor/lessons/${encodeURIComponent(lessonId)}/quiz/accommodations`;

  async function put(body: { email: string; extraTimePercent: number; extraAttempts: number }, done: string) {
    setBusy(true);
    setOutcome(null);
    setFieldErrors({});
    try {
      const res = await fetch(base, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      const answer = (await res.json().catch(() => null)) as {
        error?: { message: string; fields?: { path: string; message: string }[] };
      } | null;
      if (!res.ok) {
        const fields: Record<string, string> = {};
        for (const f of answer?.error?.fields ?? []) fields[f.path.replace(/^body\./, "")] ??= f.message;
        setFieldErrors(fields);
        setOutcome({ ok: false, text: answer?.error?.message ?? "Not saved. Please try again." });
      } else {
        const list = (await (await fetch(base)).json()) as { items: AccommodationItem[] };
        setItems(list.items);
        setOutcome({ ok: true, text: done });
        setEmail("");
      }
    } catch {
      setOutcome({ ok: false, text: "You seem to be offline. Nothing was changed." });
    }
    setBusy(false);
  }

  const number = (s: string) => (s.trim() === "" ? 0 : Number(s));
  return (
    <section aria-labelledby="accommodations" className="rounded-2xl border border-slate-200 bg-white p-5">
      <h2 id="accommodations" className="text-xl font-semibold">
        Accommodations
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Extra time (a percentage of the time limit) and extra attempts for a student of this course. An
        attempt already started keeps its deadline.
      </p>
      {items.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">No student has an accommodation on this quiz.</p>
      ) : (
        <div className="mt-3 overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Accommodations on this quiz</caption>
            <thead className="text-slate-600">
              <tr>
                <th scope="col" className="py-2 pr-4">
                  Student
                </th>
                <th scope="col" className="py-2 pr-4">
                  Extra time
                </th>
                <th scope="col" className="py-2 pr-4">
                  Extra attempts
                </th>
                <th scope="col" className="py-2 pr-4">
                  Since
                </th>
                <th scope="col" className="py-2">
                  <span className="sr-only">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((a) => (
                <tr key={a.userId}>
                  <td className="py-2 pr-4">
                    {a.name ?? a.email}
                    {a.name ? <span className="block text-xs text-slate-500">{a.email}</span> : null}
                  </td>
                  <td className="py-2 pr-4">{a.extraTimePercent}%</td>
                  <td className="py-2 pr-4">{a.extraAttempts}</td>
                  <td className="py-2 pr-4 whitespace-nowrap">{formatDate(a.updatedAt)}</td>
                  <td className="py-2">
                    <button
                      type="button"
                      className={buttonClass({ variant: "danger-link" })}
                      disabled={busy}
                      onClick={() =>
                        void put(
                          { email: a.email, extraTimePercent: 0, extraAttempts: 0 },
                          `Accommodation for ${a.email} removed.`,
                        )
                      }
                    >
                      Remove<span className="sr-only"> the accommodation of {a.email}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form
        className="mt-4 grid gap-3 sm:grid-cols-[2fr_1fr_1fr_auto] sm:items-end"
        onSubmit={(e) => {
          e.preventDefault();
          void put(
            { email: email.trim(), extraTimePercent: number(time), extraAttempts: number(attempts) },
            `Accommodation saved for ${email.trim()}.`,
          );
        }}
      >
        <label className="block text-sm font-medium text-slate-800">
          Student&apos;s e-mail
          <input
            type="email"
            required
            className={input}
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            aria-invalid={Boolean(fieldErrors.email) || undefined}
          />
          {fieldErrors.email ? (
            <span className="mt-1 block text-sm text-red-700">{fieldErrors.email}</span>
          ) : null}
        </label>
        <label className="block text-sm font-medium text-slate-800">
          Extra time (%)
          <input
            type="number"
            min={0}
            max={400}
            className={input}
            value={time}
            onChange={(e) => setTime(e.target.value)}
          />
          {fieldErrors.extraTimePercent ? (
            <span className="mt-1 block text-sm text-red-700">{fieldErrors.extraTimePercent}</span>
          ) : null}
        </label>
        <label className="block text-sm font-medium text-slate-800">
          Extra attempts
          <input
            type="number"
            min={0}
            max={100}
            className={input}
            value={attempts}
            onChange={(e) => setAttempts(e.target.value)}
          />
          {fieldErrors.extraAttempts ? (
            <span className="mt-1 block text-sm text-red-700">{fieldErrors.extraAttempts}</span>
          ) : null}
        </label>
        <button type="submit" className={buttonClass()} disabled={busy}>
          {busy ? "Saving…" : "Save"}
        </button>
      </form>
      {outcome ? (
        <p
          role={outcome.ok ? "status" : "alert"}
          className={`mt-3 rounded-lg p-3 text-sm ${outcome.ok ? "bg-emerald-50 text-emerald-900" : "bg-red-50 text-red-900"}`}
        >
          {outcome.text}
        </p>
      ) : null}
    </section>
  );
}
