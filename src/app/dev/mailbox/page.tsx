import { buttonClass } from "@/components/ui/button";
import { formatDateTime } from "@/lib/dates";
import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { Container } from "@/components/ui/container";
import { EmptyState } from "@/components/ui/empty-state";
import { findOutboxMessages } from "@/server/accounts/outbox";
import { getDb } from "@/server/db";
import { getEnv } from "@/server/env";

export const metadata: Metadata = { title: "Demo mailbox", robots: { index: false } };

export default async function MailboxPage({ searchParams }: { searchParams: Promise<{ cursor?: string }> }) {
  await connection();
  const { cursor } = await searchParams;
  const { items, nextCursor } = await findOutboxMessages(await getDb(), cursor);
  const { appUrl } = getEnv();
  const linkIn = (text: string) =>
    text.match(new RegExp(`${appUrl.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/\\S+`))?.[0];
  return (
    <Container className="py-10">
      <h1 className="text-3xl font-bold tracking-tight">Demo mailbox</h1>
      <p className="mt-2 max-w-prose text-slate-600">
        In demo mode no e-mail leaves this machine: every message the platform sends is kept here, newest
        first. Open a sign-in link to sign in as that person.
      </p>
      <div className="mt-8">
        {items.length === 0 ? (
          <EmptyState
            title="No messages yet"
            action={
              <Link href="/signin" className="font-medium text-brand-700 underline">
                Ask for a sign-in link
              </Link>
            }
          >
            Messages appear here when someone asks for a sign-in link.
          </EmptyState>
        ) : (
          <ol className="space-y-4">
            {items.map((m) => {
              const link = linkIn(m.text);
              return (
                <li key={m.id}>
                  <article
                    aria-label={`${m.subject} to ${m.to}`}
                    className="rounded-2xl border border-slate-200 bg-white p-5"
                  >
                    <header className="flex flex-wrap items-baseline justify-between gap-2">
                      <h2 className="font-semibold">{m.subject}</h2>
                      <time dateTime={m.createdAt.toISOString()} className="text-sm text-slate-500">
                        {formatDateTime(m.createdAt)}
                      </time>
                    </header>
                    <p className="text-sm text-slate-600">To: {m.to}</p>
                    {link ? (
                      <a href={link} className={buttonClass({ className: "mt-3 text-sm" })}>
                        Open the link in this message
                      </a>
                    ) : null}
                    <details className="mt-3">
                      <summary className="cursor-pointer text-sm text-slate-600">
                        Show the message text
                      </summary>
                      <pre className="mt-2 whitespace-pre-wrap break-words rounded-lg bg-slate-50 p-3 text-xs">
                        {m.text}
                      </pre>
                    </details>
                  </article>
                </li>
              );
            })}
          </ol>
        )}
        {nextCursor ? (
          <Link
            href={`/dev/mailbox?cursor=${encodeURIComponent(nextCursor)}`}
            className="mt-6 inline-flex font-medium text-brand-700 underline"
          >
            Older messages
          </Link>
        ) : null}
      </div>
    </Container>
  );
}
