import Link from "next/link";
import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { Section } from "@/components/ui/section";
import { Container } from "@/components/ui/container";
import { DeleteAccountForm } from "@/components/accounts/delete-account-form";
import { ProfileForm } from "@/components/accounts/profile-form";
import { getMyProfile } from "@/server/accounts/profile";
import { findMyCertificates } from "@/server/learning/certificates";
import { findMySessions } from "@/server/accounts/sessions";
import { signInMethods } from "@/server/auth/config";
import { requireUser } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { findMyPayments } from "@/server/payments/queries";
import { ActionForm } from "@/components/ui/action-form";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { formatDate, formatDateTimeOrDash } from "@/lib/dates";
import { formatPrice } from "@/lib/money";
import { describeUserAgent as describeAgent } from "@/lib/user-agent";
import { ApiTokenForm } from "@/components/accounts/api-token-form";
import { listMyApiTokens, SCOPE_LABELS, scopesAllowedFor } from "@/server/accounts/api-tokens";
import {
  createTokenAction,
  revokeTokenAction,
  deleteAccount,
  requestConfirmationAction,
  saveProfile,
  revokeOthersAction,
  revokeSessionAction,
  signOutAction,
  unlinkAccountAction,
} from "./actions";
import { signInWithProvider } from "../signin/actions";
import { OutcomeNotice } from "@/components/ui/outcome-notice";
import { paymentMethodLabel, sentenceCase } from "@/lib/labels";

export const metadata: Metadata = { title: "Your account", robots: { index: false } };

const when = formatDateTimeOrDash;

export default async function AccountPage({
  searchParams,
}: {
  searchParams: Promise<{ denied?: string; confirmation?: string; session?: string; token?: string }>;
}) {
  const actor = await requireUser("/account");
  const db = await getDb();
  const [profile, sessions, purchases, myCertificates, tokens] = await Promise.all([
    getMyProfile(db, actor),
    findMySessions(db, actor),
    findMyPayments(db, actor),
    findMyCertificates(db, actor),
    listMyApiTokens(db, actor),
  ]);
  const { denied, confirmation, session, token } = await searchParams;
  const methods = signInMethods();
  return (
    <Container className="py-10">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <div>
          <h1 className="text-3xl font-bold tracking-tight">Your account</h1>
          <p className="mt-1 text-slate-600">
            {profile.email} <Badge tone="brand">{sentenceCase(profile.role)}</Badge>{" "}
            {profile.emailVerified ? (
              <Badge tone="success">address confirmed</Badge>
            ) : (
              <Badge tone="warning">address not confirmed</Badge>
            )}
          </p>
        </div>
        <form action={signOutAction}>
          <Button variant="secondary">Sign out</Button>
        </form>
      </div>
      {denied ? (
        <Alert tone="warning" className="mt-4">
          That page is for another role. You were brought to your account instead.
        </Alert>
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
          <ActionForm action={requestConfirmationAction} className="flex flex-wrap items-center gap-2">
            <button className="rounded-lg bg-amber-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-amber-700">
              {confirmation === "sent" ? "Send it again" : "Send a confirmation link"}
            </button>
          </ActionForm>
        </div>
      ) : null}
      <div className="mt-8 grid items-start gap-6 lg:grid-cols-2">
        <Section id="profile" title="Profile">
          <ProfileForm action={saveProfile} name={profile.name ?? ""} image={profile.image ?? ""} />
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
                <ActionForm
                  action={unlinkAccountAction}
                  hiddenFields={{ provider: a.provider }}
                  className="flex flex-wrap items-center justify-end gap-2"
                >
                  <Button variant="danger-link" size="sm">
                    Disconnect
                  </Button>
                </ActionForm>
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
                  <Button
                    key={p}
                    name="provider"
                    value={p}
                    variant="secondary"
                    size="sm"
                    className="capitalize"
                  >
                    Connect {p}
                  </Button>
                ))}
            </form>
          )}
        </Section>
        <Section id="sessions" title="Where you are signed in">
          {session === "signed-out" ? (
            <OutcomeNotice className="mb-3 rounded-lg bg-emerald-50 p-3 text-sm text-emerald-900">
              Signed out on that device: it has to sign in again to get back in.
            </OutcomeNotice>
          ) : null}
          <ul className="divide-y divide-slate-100">
            {sessions.map((s) => (
              <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 py-3 text-sm">
                <span>
                  <span className="font-medium">{describeAgent(s.userAgent)}</span>{" "}
                  {s.current ? <Badge tone="success">this device</Badge> : null}
                  <span className="block text-slate-500">
                    Signed in {when(s.createdAt)} · last seen {when(s.lastSeenAt)}
                    {s.ip ? ` · from ${s.ip}` : ""}
                  </span>
                </span>
                {!s.current ? (
                  <details className="text-sm">
                    <summary className="cursor-pointer font-medium text-red-700">
                      Sign out…
                      <span className="sr-only">
                        {" "}
                        {describeAgent(s.userAgent)}, last seen {when(s.lastSeenAt)}
                      </span>
                    </summary>
                    <ActionForm
                      action={revokeSessionAction}
                      hiddenFields={{ sessionId: s.id }}
                      className="mt-2 max-w-xs space-y-2 rounded-lg bg-red-50 p-3"
                    >
                      <p className="text-red-900">
                        Sign out {describeAgent(s.userAgent)}
                        {s.ip ? ` (${s.ip})` : ""}? It will have to sign in again.
                      </p>
                      <Button variant="danger" size="sm">
                        Yes, sign it out
                      </Button>
                    </ActionForm>
                  </details>
                ) : null}
              </li>
            ))}
          </ul>
          {sessions.length > 1 ? (
            <ActionForm action={revokeOthersAction} className="mt-3 flex flex-wrap items-center gap-3">
              <Button variant="secondary" size="sm">
                Sign out everywhere else
              </Button>
            </ActionForm>
          ) : null}
        </Section>
        <Section id="api-tokens" title="API tokens">
          <p className="mb-3 text-sm text-slate-600">
            Personal tokens let your own scripts and the school&apos;s systems use the{" "}
            <Link href="/developers/api" className="font-medium text-brand-700 underline">
              API
            </Link>{" "}
            as you, limited to the scopes you choose. Up to 20 at a time; revoke one the moment it may have
            leaked.
          </p>
          {token === "revoked" ? (
            <OutcomeNotice className="mb-3 rounded-lg bg-emerald-50 p-3 text-sm text-emerald-900">
              Token revoked: anything still using it is refused from now on.
            </OutcomeNotice>
          ) : null}
          {tokens.length === 0 ? (
            <p className="mb-4 text-sm text-slate-500">You have no API tokens.</p>
          ) : (
            <ul className="mb-4 divide-y divide-slate-100" aria-label="Your API tokens">
              {tokens.map((t) => (
                <li key={t.id} className="flex flex-wrap items-center justify-between gap-2 py-3 text-sm">
                  <span>
                    <span className="font-medium">{t.name}</span>{" "}
                    <code className="font-mono text-xs text-slate-500">{t.displayPrefix}…</code>{" "}
                    {t.expired ? <Badge tone="warning">expired</Badge> : null}
                    <span className="block text-slate-500">
                      {t.scopes.join(", ")} · created {when(t.createdAt)} · last used {when(t.lastUsedAt)} ·{" "}
                      {t.expiresAt
                        ? `${t.expired ? "expired" : "expires"} ${when(t.expiresAt)}`
                        : "never expires"}
                    </span>
                  </span>
                  <details className="text-sm">
                    <summary className="cursor-pointer font-medium text-red-700">
                      Revoke…<span className="sr-only"> the token {t.name}</span>
                    </summary>
                    <ActionForm
                      action={revokeTokenAction}
                      hiddenFields={{ tokenId: t.id }}
                      className="mt-2 max-w-xs space-y-2 rounded-lg bg-red-50 p-3"
                    >
                      <p className="text-red-900">
                        Revoke “{t.name}”? Whatever uses it stops working at once; this cannot be undone.
                      </p>
                      <Button variant="danger" size="sm">
                        Yes, revoke it
                      </Button>
                    </ActionForm>
                  </details>
                </li>
              ))}
            </ul>
          )}
          <h3 className="mb-2 font-semibold">New token</h3>
          <ApiTokenForm
            action={createTokenAction}
            scopes={scopesAllowedFor(actor.role).map((value) => ({ value, label: SCOPE_LABELS[value] }))}
          />
        </Section>
        <Section id="purchases" title="Purchases">
          {purchases.length === 0 ? (
            <p className="text-sm text-slate-600">No purchases yet. Free courses need none.</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm">
              {purchases.map((p) => (
                <li key={p.id} className="grid grid-cols-[minmax(0,1fr)_auto] items-baseline gap-x-4 py-2">
                  <span>
                    <span className="font-medium">{p.courseTitle ?? "A course"}</span>
                    <span className="block text-xs text-slate-500">
                      {formatDate(p.createdAt)} · {paymentMethodLabel(p.provider)} · reference{" "}
                      <span className="font-mono">{p.id.slice(0, 8)}</span>
                    </span>
                  </span>
                  <span className="text-right">
                    {formatPrice(p.amount, p.currency)}
                    {p.couponCode ? (
                      <span className="block text-xs text-slate-500">
                        coupon {p.couponCode}: {formatPrice(p.discount, p.currency)} off
                      </span>
                    ) : null}
                    <span className="block text-xs text-slate-500">{sentenceCase(p.status)}</span>
                    {p.status === "COMPLETED" || p.status === "REFUNDED" ? (
                      <Link
                        href={`/account/receipts/${p.id}`}
                        className="block text-xs font-medium text-brand-700 underline"
                      >
                        Receipt<span className="sr-only"> for {p.courseTitle ?? "this purchase"}</span>
                      </Link>
                    ) : null}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Section>
        <Section id="certificates" title="Certificates">
          {myCertificates.length === 0 ? (
            <p className="text-sm text-slate-600">
              None yet: finishing a course issues one, with a public address anyone can check.
            </p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm">
              {myCertificates.map((c) => (
                <li
                  key={c.certificateNumber}
                  className="flex flex-wrap items-baseline justify-between gap-2 py-2"
                >
                  <span>
                    <span className="font-medium">{c.courseTitle}</span>
                    <span className="block text-xs text-slate-500">
                      {formatDate(c.issuedAt)} · <span className="font-mono">{c.certificateNumber}</span>
                      {c.status === "revoked" ? " · revoked" : ""}
                    </span>
                  </span>
                  <span className="flex gap-3">
                    <Link
                      href={`/certificates/${c.certificateNumber}`}
                      className="font-medium text-brand-700 underline"
                    >
                      View<span className="sr-only"> the certificate for {c.courseTitle}</span>
                    </Link>
                    {c.status === "valid" ? (
                      <a
                        href={`/certificates/${c.certificateNumber}/pdf`}
                        className="font-medium text-brand-700 underline"
                        download
                      >
                        PDF<span className="sr-only"> of the certificate for {c.courseTitle}</span>
                      </a>
                    ) : null}
                    {c.status === "valid" ? (
                      <a
                        href={`/api/v1/certificates/${c.certificateNumber}/credential`}
                        className="font-medium text-brand-700 underline"
                        download={`${c.certificateNumber}.json`}
                      >
                        Credential
                        <span className="sr-only"> (signed Open Badges file) for {c.courseTitle}</span>
                      </a>
                    ) : null}
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
          <a href="/api/v1/me/export" download className={buttonClass({ className: "mt-3" })}>
            Export my data
          </a>
          <h3 className="mt-6 font-semibold text-red-800">Delete my account</h3>
          <p className="mt-1 text-sm text-slate-600">
            Your personal data is erased. Payment records are kept without your name, as the law requires;
            audit entries keep a pseudonym.
          </p>
          <div className="mt-3">
            <DeleteAccountForm action={deleteAccount} email={profile.email} />
          </div>
        </Section>
      </div>
    </Container>
  );
}
