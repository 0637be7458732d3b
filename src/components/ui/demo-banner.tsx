import Link from "next/link";

/** `exposed`: the demo listens beyond this machine (APP_MODE=demo on a non-loopback HOST). */
export function DemoBanner({ exposed = false }: { exposed?: boolean }) {
  return (
    <div role="note" aria-label="Demo mode" className="bg-amber-100 text-amber-900">
      <p className="mx-auto max-w-6xl px-4 py-2 text-center text-sm sm:px-6 lg:px-8">
        <strong className="font-semibold">Demo mode.</strong> Data lives in this machine&apos;s embedded
        database; e-mail and payments are simulated.{" "}
        {exposed ? (
          <strong className="font-semibold">
            This demo is reachable from other machines: anyone who can open it can read every sign-in link in
            the demo mailbox and sign in as anyone.{" "}
          </strong>
        ) : null}
        <Link href="/dev" className="font-medium underline underline-offset-2">
          What the demo offers
        </Link>
      </p>
    </div>
  );
}
