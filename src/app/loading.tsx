import { Container } from "@/components/ui/container";

export default function Loading() {
  return (
    <Container className="py-16">
      <div role="status" aria-live="polite" className="flex items-center gap-3 text-slate-600">
        <span className="h-5 w-5 animate-spin rounded-full border-2 border-brand-600 border-t-transparent" />
        Loading…
      </div>
    </Container>
  );
}
