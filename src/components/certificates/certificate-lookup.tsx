"use client";

import { usePathname, useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";

/**
 * "Check another number": the number that was looked up (from the address), editable, and a button that opens
 * its verification page. Numbers are compared in capitals; spaces around them are dropped.
 */
export function CertificateLookup() {
  const pathname = usePathname();
  // A new number looked up from here is a new page: the field starts again from it.
  return <Lookup key={pathname} pathname={pathname} />;
}

function Lookup({ pathname }: { pathname: string }) {
  const router = useRouter();
  const id = useId();
  const looked = safeDecode(pathname.split("/").at(-1) ?? "").slice(0, 64);
  const [value, setValue] = useState(looked);
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const number = value.trim().toUpperCase();
    if (!number) {
      setError("Enter the number printed on the certificate.");
      return;
    }
    setError(null);
    router.push(`/certificates/${encodeURIComponent(number)}`);
  };
  return (
    <form onSubmit={submit} className="mt-6 text-left" aria-label="Check a certificate number">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        Certificate number
      </label>
      <div className="mt-1 flex flex-wrap gap-2">
        <input
          id={id}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          maxLength={64}
          spellCheck={false}
          autoCapitalize="characters"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          className="min-w-0 flex-1 rounded-lg border border-slate-300 px-3 py-2 font-mono text-sm"
        />
        <Button>Check this number</Button>
      </div>
      {error ? (
        <p id={`${id}-error`} role="alert" className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </form>
  );
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
