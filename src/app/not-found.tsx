import { buttonClass } from "@/components/ui/button";
import Link from "next/link";
import { Container } from "@/components/ui/container";

export default function NotFound() {
  return (
    <Container className="py-24 text-center">
      <p className="text-sm font-semibold uppercase tracking-wide text-brand-600">404</p>
      <h1 className="mt-2 text-3xl font-bold tracking-tight">We couldn&apos;t find that page</h1>
      <p className="mx-auto mt-4 max-w-prose text-slate-600">
        The address may be mistyped, or the page may have moved. The course catalog is a good place to start
        again.
      </p>
      <Link href="/courses" className={buttonClass({ className: "mt-8" })}>
        Back to the courses
      </Link>
    </Container>
  );
}
