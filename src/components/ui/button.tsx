import Link from "next/link";
import type { ComponentProps } from "react";

const VARIANTS = {
  primary: "rounded-lg bg-brand-600 font-medium text-white hover:bg-brand-700 disabled:opacity-60",
  secondary:
    "rounded-lg border border-slate-300 bg-white font-medium text-slate-800 hover:bg-slate-50 disabled:opacity-50",
  danger:
    "rounded-lg border border-red-300 bg-white font-medium text-red-700 hover:bg-red-50 disabled:opacity-60",
  "danger-solid": "rounded-lg bg-red-600 font-medium text-white hover:bg-red-700 disabled:opacity-60",
  dark: "rounded-lg bg-slate-800 font-medium text-white hover:bg-slate-700 disabled:opacity-60",
  link: "font-medium text-brand-700 underline-offset-2 hover:underline disabled:opacity-60",
  "danger-link": "font-medium text-red-700 underline-offset-2 hover:underline disabled:opacity-60",
} as const;

const SIZES = {
  xs: "px-2 py-1 text-xs",
  sm: "px-3 py-1.5 text-sm",
  md: "px-4 py-2",
  lg: "px-4 py-2.5",
} as const;

export type ButtonVariant = keyof typeof VARIANTS;
export type ButtonSize = keyof typeof SIZES;

export interface ButtonStyle {
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** Full width, centred text. */
  block?: boolean;
  className?: string;
}

/** The classes of a button; link variants carry no padding. */
export function buttonClass({
  variant = "primary",
  size = "md",
  block = false,
  className,
}: ButtonStyle = {}) {
  const isLink = variant === "link" || variant === "danger-link";
  return [
    VARIANTS[variant],
    isLink ? (size === "xs" ? "text-xs" : size === "sm" ? "text-sm" : "") : SIZES[size],
    block ? "block w-full text-center" : isLink ? "" : "inline-flex shrink-0 items-center justify-center",
    className,
  ]
    .filter(Boolean)
    .join(" ");
}

export function Button({
  variant,
  size,
  block,
  className,
  type = "submit",
  ...props
}: ButtonStyle & ComponentProps<"button">) {
  return <button type={type} className={buttonClass({ variant, size, block, className })} {...props} />;
}

/** A Next.js link that looks like a button. */
export function ButtonLink({
  variant,
  size,
  block,
  className,
  ...props
}: ButtonStyle & ComponentProps<typeof Link>) {
  return <Link className={buttonClass({ variant, size, block, className })} {...props} />;
}
