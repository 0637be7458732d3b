import Link from "next/link";
import { SignInLink } from "./sign-in-link";
import { getActor } from "@/server/auth/session";
import type { Actor } from "@/server/accounts/actor";
import { Container } from "./container";
import { MobileMenu } from "./mobile-menu";

export async function SiteHeader() {
  const actor = await getActor().catch(() => null);
  const link = "rounded px-1.5 py-1 hover:text-brand-700 sm:px-2";
  return (
    <header className="border-b border-slate-200 bg-white">
      <Container className="flex h-16 items-center justify-between gap-4">
        <Link href="/" className="flex items-center gap-2 font-semibold text-slate-900">
          <span
            aria-hidden="true"
            className="grid h-8 w-8 place-items-center rounded-lg bg-brand-600 text-white"
          >
            AI
          </span>
          <span>AI Whisperers</span>
        </Link>
        <nav aria-label="Main" className="hidden sm:block">
          <NavLinks actor={actor} className="flex items-center gap-3" link={link} />
        </nav>
        <MobileMenu>
          <nav aria-label="Main">
            <NavLinks
              actor={actor}
              className="flex flex-col gap-1"
              link="block rounded-lg px-3 py-2 hover:bg-slate-50"
            />
          </nav>
        </MobileMenu>
      </Container>
    </header>
  );
}

/** The main links for who is signed in (shown inline on wide screens and in the phone's menu). */
function NavLinks({ actor, className, link }: { actor: Actor | null; className: string; link: string }) {
  return (
    <ul className={`${className} text-sm font-medium text-slate-700`}>
      <li>
        <Link href="/courses" className={link}>
          Courses
        </Link>
      </li>
      {actor ? (
        <li>
          <Link href="/dashboard" className={link}>
            My learning
          </Link>
        </li>
      ) : null}
      {actor?.role === "INSTRUCTOR" || actor?.role === "ADMIN" ? (
        <li>
          <Link href="/instructor" className={link}>
            Teach
          </Link>
        </li>
      ) : null}
      {actor?.role === "ADMIN" ? (
        <li>
          <Link href="/admin" className={link}>
            Admin
          </Link>
        </li>
      ) : null}
      <li>
        {actor ? (
          <Link href="/account" className={link}>
            Account
          </Link>
        ) : (
          <SignInLink className="block rounded-lg bg-brand-600 px-3 py-1.5 text-white hover:bg-brand-700" />
        )}
      </li>
    </ul>
  );
}
