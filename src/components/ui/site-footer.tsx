import { Container } from "./container";

export function SiteFooter() {
  return (
    <footer className="mt-16 border-t border-slate-200 bg-white py-8 text-sm text-slate-600">
      <Container className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
        <p>© {new Date().getFullYear()} AI Whisperers. Learn AI, lesson by lesson.</p>
        <p>
          <a href="/privacy" className="hover:text-brand-700">
            Privacy
          </a>
          <span aria-hidden="true"> · </span>
          <a href="/developers/api" className="hover:text-brand-700">
            API
          </a>
          <span aria-hidden="true"> · </span>
          <a href="/status" className="hover:text-brand-700">
            Status
          </a>
        </p>
      </Container>
    </footer>
  );
}
