"use client";

import { useId, useRef, useState, type FormEvent } from "react";
import { buttonClass } from "@/components/ui/button";
import { Alert } from "@/components/ui/alert";
import { inputClass, labelClass } from "@/components/ui/field";
import { CheckIcon } from "@/components/ui/lesson-type-icon";

const MAX_BYTES = 64 * 1024;

type Verdict = "valid" | "tampered" | "revoked" | "unknown_key";
interface Verification {
  valid: boolean;
  verdict: Verdict;
  checks: { signature: boolean; status: boolean; issuer: boolean };
  message: string;
}

const HEADINGS: Record<Verdict, string> = {
  valid: "Valid credential",
  tampered: "Not valid: the file was changed",
  revoked: "Not valid: revoked",
  unknown_key: "Not valid: not signed by this platform",
};

/** What the file says, read only after the platform has checked it (never trusted before). */
function summary(credential: unknown): { holder?: string; course?: string } {
  const c = credential as {
    credentialSubject?: { identifier?: { identityHash?: unknown }[]; achievement?: { name?: unknown } };
  } | null;
  const holder = c?.credentialSubject?.identifier?.[0]?.identityHash;
  const course = c?.credentialSubject?.achievement?.name;
  return {
    holder: typeof holder === "string" ? holder : undefined,
    course: typeof course === "string" ? course : undefined,
  };
}

/**
 * Checks a credential file (the .json downloaded from a certificate page) against the platform: the file is
 * sent to POST /api/v1/credentials/verify, which checks its signature, its issuer's key and its revocation.
 */
export function CredentialVerifier() {
  const inputId = useId();
  const hintId = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<{
    result: Verification;
    file: string;
    holder?: string;
    course?: string;
  } | null>(null);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setError(null);
    setOutcome(null);
    const file = fileRef.current?.files?.[0];
    if (!file) {
      setError("Choose a credential file first (the .json file downloaded from a certificate page).");
      return;
    }
    if (file.size > MAX_BYTES) {
      setError(`“${file.name}” is larger than 64 KB: it is not a certificate credential from this platform.`);
      return;
    }
    setBusy(true);
    try {
      const text = await file.text();
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        setError(
          `“${file.name}” is not a credential file: it is not JSON. Choose the .json file you downloaded.`,
        );
        return;
      }
      const res = await fetch("/api/v1/credentials/verify", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: text,
      });
      const body = (await res.json().catch(() => null)) as
        (Verification & { error?: undefined }) | { error?: { message?: string } } | null;
      if (!res.ok || !body || "error" in body) {
        const message = body && "error" in body ? body.error?.message : undefined;
        setError(message ?? "The file could not be checked. Try again in a moment.");
        return;
      }
      const result = body as Verification;
      setOutcome({ result, file: file.name, ...(result.checks.signature ? summary(parsed) : {}) });
    } catch {
      setError("The file could not be checked: the connection failed. Try again.");
    } finally {
      setBusy(false);
    }
  }

  // A check that could not run (the status of a credential whose signature fails) says so, never "no".
  const rows: [string, boolean | null][] = outcome
    ? [
        ["Issued by this platform with one of its keys", outcome.result.checks.issuer],
        [
          "Signature matches the content (nothing changed)",
          outcome.result.checks.issuer ? outcome.result.checks.signature : null,
        ],
        ["Not revoked", outcome.result.checks.signature ? outcome.result.checks.status : null],
      ]
    : [];

  return (
    <section aria-labelledby={`${inputId}-title`} className="mx-auto mt-8 max-w-2xl print:hidden">
      <h2 id={`${inputId}-title`} className="text-lg font-semibold">
        Verify a credential file
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        A certificate&apos;s credential is a signed file (Open Badges 3.0) that anyone can check without
        trusting this page: its signature, the issuer&apos;s published key and its revocation status.
      </p>
      <form onSubmit={onSubmit} className="mt-4" noValidate>
        <label htmlFor={inputId} className={labelClass}>
          Credential file (.json)
        </label>
        <div className="mt-1 flex flex-col gap-3 sm:flex-row sm:items-center">
          <input
            ref={fileRef}
            id={inputId}
            name="credential"
            type="file"
            accept=".json,application/json,application/ld+json,application/vc+ld+json"
            aria-describedby={hintId}
            className={`${inputClass} sm:flex-1`}
          />
          <button type="submit" className={buttonClass({ variant: "secondary" })} disabled={busy}>
            {busy ? "Checking…" : "Verify"}
          </button>
        </div>
        <p id={hintId} className="mt-1 text-xs text-slate-500">
          At most 64 KB. The file is checked by this platform and not stored.
        </p>
      </form>
      {error ? (
        <Alert tone="error" className="mt-4">
          {error}
        </Alert>
      ) : null}
      {outcome ? (
        <div
          role="status"
          className={`mt-4 rounded-lg border p-4 ${outcome.result.valid ? "border-emerald-300 bg-emerald-50" : "border-red-300 bg-red-50"}`}
        >
          <p className={`font-semibold ${outcome.result.valid ? "text-emerald-900" : "text-red-900"}`}>
            {HEADINGS[outcome.result.verdict]}
          </p>
          <p className="mt-1 text-sm text-slate-700">{outcome.result.message}</p>
          {outcome.holder || outcome.course ? (
            <p className="mt-2 text-sm text-slate-700">
              {outcome.holder ? <>Issued to {outcome.holder}</> : null}
              {outcome.holder && outcome.course ? " for " : null}
              {outcome.course ? <>“{outcome.course}”</> : null}.
            </p>
          ) : null}
          <ul className="mt-3 space-y-1 text-sm" aria-label={`Checks of ${outcome.file}`}>
            {rows.map(([label, ok]) => (
              <li key={label} className="flex items-center gap-2">
                {ok ? (
                  <CheckIcon className="h-4 w-4 text-emerald-700" />
                ) : (
                  <span
                    aria-hidden="true"
                    className={`inline-block w-4 text-center font-bold ${ok === null ? "text-slate-400" : "text-red-700"}`}
                  >
                    {ok === null ? "–" : "×"}
                  </span>
                )}
                <span>
                  {label}:{" "}
                  <span className="font-medium">
                    {ok === null ? "not checked (the checks above must pass first)" : ok ? "yes" : "no"}
                  </span>
                </span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
