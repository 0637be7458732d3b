"use client";

import { useEffect, useId, useRef, useState } from "react";
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
  // Where the focus goes after adding (the new item) or removing (the next item, else "Add").
  const focusTarget = useRef<number | "add" | null>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const target = focusTarget.current;
    if (target === null) return;
    focusTarget.current = null;
    if (target === "add") addRef.current?.focus();
    else document.getElementById(`${base}-${target}`)?.focus();
  }, [items, base]);
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
            {/* One line each, grown to show the whole text (a long objective stays readable on a phone). */}
            <textarea
              id={`${base}-${item.key}`}
              name={name}
              value={item.text}
              maxLength={300}
              rows={1}
              onKeyDown={(e) => {
                if (e.key === "Enter" && !e.nativeEvent.isComposing) e.preventDefault();
              }}
              onInput={(e) => growToFit(e.currentTarget)}
              onChange={(e) =>
                setItems(
                  items.map((x) =>
                    x.key === item.key ? { ...x, text: e.target.value.replace(/[\r\n]+/g, " ") } : x,
                  ),
                )
              }
              className={`${inputClass} mt-0 resize-none [field-sizing:content]`}
            />
            <button
              type="button"
              className={buttonClass({ variant: "secondary", size: "sm" })}
              onClick={() => {
                const after = items[i + 1] ?? items[i - 1];
                setItems(items.filter((x) => x.key !== item.key));
                focusTarget.current = after ? after.key : "add";
              }}
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
        ref={addRef}
        type="button"
        className={buttonClass({ variant: "secondary", size: "sm" })}
        disabled={items.length >= 30}
        onClick={() => {
          setItems([...items, { key: nextKey, text: "" }]);
          focusTarget.current = nextKey;
          setNextKey(nextKey + 1);
        }}
      >
        Add {itemLabel.toLowerCase()}
      </button>
    </fieldset>
  );
}

/** Where CSS cannot size a text box to its content (field-sizing), its height follows the text as typed. */
function growToFit(el: HTMLTextAreaElement) {
  if (typeof CSS !== "undefined" && CSS.supports("field-sizing", "content")) return;
  el.style.height = "auto";
  el.style.height = `${el.scrollHeight}px`;
}
