import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { Container } from "@/components/ui/container";
import { DeleteAccountForm } from "@/components/accounts/delete-account-form";
import { ProfileForm } from "@/components/accounts/profile-form";
import { getMyProfile } from "@/server/accounts/profile";
import { findMySessions } from "@/server/accounts/sessions";
import { signInMethods } from "@/server/auth/config";
import { requireUser } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { findMyPayments } from "@/server/payments/queries";
import { formatPrice } from "@/lib/format";
import {
  requestConfirmationAction,
  revokeOthersAction,
  revokeSessionAction,
  signOutAction,
  unlinkAccountAction,
} from "./actions";
import { signInWithProvider } from "../signin/actions";

export const metadata: Metadata = { title: "Your account", robots: { index: false } };

const when = (d: Date | null) =>
  d
    ? new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(
        d,
      ) + " UTC"
    : "—";

function describeAgent(ua: string | null): string {
  if (!ua) return "Unknown device";
  const browser = /Edg\//.test(ua)
    ? "Edge"
    : /Chrome\//.test(ua)
      ? "Chrome"
      : /Firefox\//.test(ua)
        ? "Firefox"
        : /Safari\//.test(ua)
          ? "Safari"
          : "Browser";
  const os = /Windows/.test(ua)
    ? "Windows"
    : /Android/.test(ua)
      ? "Android"
      : /iPhone|iPad/.test(ua)
        ? "iOS"
        : /Mac OS X/.test(ua)
          ? "macOS"
          : /Linux/.test(ua)
            ? "Linux"
            : "";
  return os ? `${browser} on ${os}` : browser;
}

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="rounded-2xl border border-slate-200 bg-white p-5 sm:p-6">
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      <div className="mt-4">{children}</div>
    </section>
  );
}

export default async function AccountPage({
  searchParams,
}: {
  searchParams: Promise<{ denied?: string; confirmation?: string }>;
}) {
  const actor = await requireUser("/account");
  const db = await getDb();
  const [profile, sessions, purchases] = await Promise.all([
    getMyProfile(db, actor),
    findMySessions(db, actor),
    findMyPayments(db, actor),
  ]);
  const { denied, confirmation } = await searchParams;
  const methods = signInMethods();
  return (
    <Container className="py-10">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <div>
          <h1 className="text-3xl font-bold tracking-tight">Your account</h1>
          <p className="mt-1 text-slate-600">
            {profile.email} <Badge tone="brand">{profile.role.toLowerCase()}</Badge>{" "}
            {profile.emailVerified ? (
              <Badge tone="success">address confirmed</Badge>
            ) : (
              <Badge tone="warning">address not confirmed</Badge>
            )}
          </p>
        </div>
        <form action={signOutAction}>
          <button className="rounded-lg border border-slate-300 bg-white px-4 py-2 font-medium hover:bg-slate-50">
            Sign out
          </button>
        </form>
      </div>
      {denied ? (
        <p role="alert" className="mt-4 rounded-lg bg-amber-50 p-3 text-amber-900">
          That page is for another role. You were brought to your account instead.
        </p>
      ) : null}
      {!profile.emailVerified ? (
        <div
          role="status"
          className="mt-4 flex flex-wrap items-center justify-between gap-3 rounded-lg bg-amber-50 p-4 text-amber-900"
        >
          <p>
            {confirmation === "sent"
              ? `We sent a confirmation link to ${profile.email}.`
              : "Confirm your e-mail address before buying a course or writing a review. Certificates you earn meanwhile are issued once it is confirmed."}
          </p>
          <form action={requestConfirmationAction}>
            <button className="rounded-lg bg-amber-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-amber-700">
              {confirmation === "sent" ? "Send it again" : "Send a confirmation link"}
            </button>
          </form>
        </div>
      ) : null}
      <div className="mt-8 grid items-start gap-6 lg:grid-cols-2">
        <Section id="profile" title="Profile">
          <ProfileForm name={profile.name ?? ""} image={profile.image ?? ""} />
        </Section>
        <Section id="connected" title="Connected accounts">
          <ul className="space-y-2 text-sm">
            <li className="flex items-center justify-between">
              <span>E-mail link to {profile.email}</span>
              <Badge tone={methods.email ? "success" : "neutral"}>
                {methods.email ? "available" : "not offered here"}
              </Badge>
            </li>
            {profile.connectedAccounts.map((a) => (
              <li key={a.provider} className="flex items-center justify-between">
                <span className="capitalize">{a.provider}</span>
                <form action={unlinkAccountAction}>
                  <input type="hidden" name="provider" value={a.provider} />
                  <button className="text-sm font-medium text-red-700 underline-offset-2 hover:underline">
                    Disconnect
                  </button>
                </form>
              </li>
            ))}
          </ul>
          {!methods.github && !methods.google ? (
            <p className="mt-3 text-sm text-slate-500">
              This instance offers no other sign-in providers (GitHub and Google appear when configured).
            </p>
          ) : (
            <form action={signInWithProvider} className="mt-4 flex flex-wrap gap-2">
              <input type="hidden" name="callbackUrl" value="/account" />
              {(["github", "google"] as const)
                .filter((p) => methods[p] && !profile.connectedAccounts.some((a) => a.provider === p))
                .map((p) => (
                  <button
                    key={p}
                    name="provider"
                    value={p}
                    className="rounded-lg border border-slate-300 px-3 py-1.5 text-sm font-medium capitalize hover:bg-slate-50"
                  >
                    Connect {p}
                  </button>
                ))}
            </form>
          )}
        </Section>
        <Section id="sessions" title="Where you are signed in">
          <ul className="divide-y divide-slate-100">
            {sessions.map((s) => (
              <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 py-3 text-sm">
                <span>
                  <span className="font-medium">{describeAgent(s.userAgent)}</span>{" "}
                  {s.current ? <Badge tone="success">this device</Badge> : null}
                  <span className="block text-slate-500">
                    Signed in {when(s.createdAt)} · last seen {when(s.lastSeenAt)}
                  </span>
                </span>
                {!s.current ? (
                  <form action={revokeSessionAction}>
                    <input type="hidden" name="sessionId" value={s.id} />
                    <button
                      className="font-medium text-red-700 underline-offset-2 hover:underline"
                      aria-label={`Sign out ${describeAgent(s.userAgent)} signed in ${when(s.createdAt)}`}
                    >
                      Sign out
                    </button>
                  </form>
                ) : null}
              </li>
            ))}
          </ul>
          {sessions.length > 1 ? (
            <form action={revokeOthersAction} className="mt-3">
              <button className="rounded-lg border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-50">
                Sign out everywhere else
              </button>
            </form>
          ) : null}
        </Section>
        <Section id="purchases" title="Purchases">
          {purchases.length === 0 ? (
            <p className="text-sm text-slate-600">No purchases yet. Free courses need none.</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm">
              {purchases.map((p) => (
                <li key={p.id} className="flex flex-wrap items-baseline justify-between gap-2 py-2">
                  <span>
                    <span className="font-medium">{p.courseTitle ?? "A course"}</span>
                    <span className="block text-xs text-slate-500">
                      {p.createdAt.toISOString().slice(0, 10)} · reference {p.id.slice(0, 8)} · {p.provider}
                    </span>
                  </span>
                  <span className="text-right">
                    {formatPrice(p.amount, p.currency)}
                    <span className="block text-xs text-slate-500">{p.status.toLowerCase()}</span>
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Section>
        <Section id="privacy" title="Your data">
          <p className="text-sm text-slate-600">
            Download everything the platform holds about you as JSON: profile, sign-in methods, sessions,
            enrollments, progress, certificates, payments, reviews and the audit entries about you.
          </p>
          <a
            href="/api/v1/me/export"
            download
            className="mt-3 inline-flex rounded-lg bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700"
          >
            Export my data
          </a>
          <h3 className="mt-6 font-semibold text-red-800">Delete my account</h3>
          <p className="mt-1 text-sm text-slate-600">
            Your personal data is erased. Payment records are kept without your name, as the law requires;
            audit entries keep a pseudonym.
          </p>
          <div className="mt-3">
            <DeleteAccountForm email={profile.email} />
          </div>
        </Section>
      </div>
    </Container>
  );
}
