"use client";

import { useId, useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";

/** An editable list of short texts, submitted as repeated form fields named `name`. */
export function ListField({
  name,
  legend,
  itemLabel,
  initial,
}: {
  name: string;
  legend: string;
  itemLabel: string;
  initial: string[];
}) {
  const base = useId();
  const [items, setItems] = useState(() => initial.map((text, i) => ({ key: i, text })));
  const [nextKey, setNextKey] = useState(initial.length);
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      {items.length === 0 ? <p className="text-sm text-slate-500">None yet.</p> : null}
      <ol className="space-y-2">
        {items.map((item, i) => (
          <li key={item.key} className="flex items-center gap-2">
            <label htmlFor={`${base}-${item.key}`} className="sr-only">
              {itemLabel} {i + 1}
            </label>
            <input
              id={`${base}-${item.key}`}
              name={name}
              value={item.text}
              maxLength={300}
              onChange={(e) =>
                setItems(items.map((x) => (x.key === item.key ? { ...x, text: e.target.value } : x)))
              }
              className={`${inputClass} mt-0`}
            />
            <button
              type="button"
              className={buttonClass({ variant: "secondary", size: "sm" })}
              onClick={() => setItems(items.filter((x) => x.key !== item.key))}
            >
              Remove
              <span className="sr-only">
                {" "}
                {itemLabel.toLowerCase()} {i + 1}
              </span>
            </button>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className={buttonClass({ variant: "secondary", size: "sm" })}
        disabled={items.length >= 30}
        onClick={() => {
          setItems([...items, { key: nextKey, text: "" }]);
          setNextKey(nextKey + 1);
        }}
      >
        Add {itemLabel.toLowerCase()}
      </button>
    </fieldset>
  );
}
