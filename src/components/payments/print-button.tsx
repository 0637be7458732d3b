"use client";

import { Button } from "@/components/ui/button";

/** Opens the browser's print dialog (where "Save as PDF" is one of the printers). */
export function PrintButton({ label = "Print or save as PDF" }: { label?: string }) {
  return (
    <Button variant="secondary" type="button" onClick={() => window.print()} className="print:hidden">
      {label}
    </Button>
  );
}
