import Link from "next/link";
import { Container } from "./container";

export function SiteHeader() {
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
        <nav aria-label="Main">
          <ul className="flex items-center gap-4 text-sm font-medium text-slate-700">
            <li>
              <Link href="/#courses" className="rounded px-2 py-1 hover:text-brand-700">
                Courses
              </Link>
            </li>
          </ul>
        </nav>
      </Container>
    </header>
  );
}
