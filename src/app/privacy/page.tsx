import type { Metadata } from "next";
import Link from "next/link";
import { Container } from "@/components/ui/container";

export const metadata: Metadata = {
  title: "Privacy",
  description: "What AI Whisperers stores about you, why, for how long, and how to export or erase it.",
};

const ROWS: [string, string, string][] = [
  [
    "Your e-mail address and name",
    "To sign you in, and to put your name on certificates",
    "Until you delete your account",
  ],
  [
    "Sign-in sessions (device, time, last use)",
    "To keep you signed in and let you sign out other devices",
    "30 days at most; expired ones are removed daily",
  ],
  ["Sign-in links", "To sign you in by e-mail", "15 minutes, or until used"],
  [
    "Your API tokens (name, scopes, when created, last used and revoked; the secret itself is never stored)",
    "So your scripts and your school's systems can use the API as you, and you can see and revoke them",
    "Until you delete your account",
  ],
  [
    "Events sent to your school's other systems by webhook (for example “lesson completed”: ids and times, never your name or e-mail address)",
    "So the systems your school connected (HR, CRM) learn what happened, as your school set up",
    "30 days after they were sent; deleted when you delete your account",
  ],
  [
    "Enrollments, lesson progress and time spent",
    "To show your progress and issue certificates",
    "Until you delete your account",
  ],
  [
    "Your work: quiz attempts, assignment answers and the files you hand in, exercise code and check results",
    "To grade it, give feedback, and let you continue where you left off on any device",
    "Until you delete your account",
  ],
  [
    "Certificates and their signed credentials (your name and the course)",
    "So anyone you show one to can verify it",
    "Until you delete your account; a credential copy you keep then verifies as revoked",
  ],
  [
    "Payments and the coupons used with them",
    "Accounting and tax law",
    "Kept after deletion, without your name",
  ],
  ["Reviews", "To help other students choose", "Until you delete them or your account"],
  [
    "Audit log of account, admin and payment actions",
    "Security and accountability",
    "Kept; after deletion you appear only under a pseudonym",
  ],
];

export default function PrivacyPage() {
  return (
    <Container className="py-12">
      <div className="max-w-3xl">
        <h1 className="text-3xl font-bold tracking-tight">Privacy</h1>
        <p className="mt-4 text-slate-700">
          AI Whisperers keeps only what it needs to teach you and to run a school. We do not sell data, show
          ads or load anything from other companies&apos; servers while you learn.
        </p>
        <div className="mt-8 overflow-x-auto rounded-2xl border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">What we store, why and for how long</caption>
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-3 font-medium">
                  What
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Why
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  How long
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {ROWS.map(([what, why, how]) => (
                <tr key={what}>
                  <td className="px-4 py-3 font-medium">{what}</td>
                  <td className="px-4 py-3 text-slate-700">{why}</td>
                  <td className="px-4 py-3 text-slate-700">{how}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <h2 className="mt-10 text-xl font-semibold">Your rights</h2>
        <ul className="mt-3 list-disc space-y-2 pl-5 text-slate-700">
          <li>
            <strong>Take your data with you</strong>:{" "}
            <Link href="/account" className="underline">
              your account page
            </Link>{" "}
            has “Export my data”, a JSON file with everything above (never passwords or tokens: we have none
            to give).
          </li>
          <li>
            <strong>Be forgotten</strong>: “Delete my account” on the same page erases your personal data at
            once and signs you out everywhere. Payment records stay without your name; audit entries keep a
            pseudonym.
          </li>
          <li>
            <strong>Correct it</strong>: change your name and picture on your account page at any time.
          </li>
        </ul>
      </div>
    </Container>
  );
}
