import {
  cloneElement,
  isValidElement,
  type InputHTMLAttributes,
  type ReactElement,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from "react";

export const inputClass =
  "mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2 shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600";
export const labelClass = "block text-sm font-medium text-slate-800";

type Control = ReactElement<{
  id?: string;
  "aria-invalid"?: boolean;
  "aria-describedby"?: string;
}>;

/**
 * A labelled form control with an optional hint and error message. The control (an Input, Select or
 * Textarea, or any element taking an id) gets the id, `aria-invalid` and `aria-describedby` pointing at the
 * hint and the error, so a screen reader reads them with the field.
 */
export function Field({
  id,
  label,
  hint,
  inlineHint,
  error,
  className,
  children,
}: {
  id: string;
  label: ReactNode;
  /** Shown in brackets after the label. */
  inlineHint?: ReactNode;
  /** Shown under the control. */
  hint?: ReactNode;
  error?: string;
  className?: string;
  children: Control;
}) {
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ");
  const control = isValidElement(children)
    ? cloneElement(children, {
        id,
        ...(error ? { "aria-invalid": true } : {}),
        ...(described ? { "aria-describedby": described } : {}),
      })
    : children;
  return (
    <div className={className}>
      <label htmlFor={id} className={labelClass}>
        {label} {inlineHint ? <span className="font-normal text-slate-500">({inlineHint})</span> : null}
      </label>
      {control}
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-sm text-slate-500">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function Input({ className = "", ...props }: InputHTMLAttributes<HTMLInputElement>) {
  return <input className={`${inputClass} ${className}`} {...props} />;
}

export function Select({ className = "", ...props }: SelectHTMLAttributes<HTMLSelectElement>) {
  return <select className={`${inputClass} ${className}`} {...props} />;
}

export function Textarea({ className = "", ...props }: TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return <textarea className={`${inputClass} ${className}`} {...props} />;
}
