import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { DemoBanner } from "@/components/ui/demo-banner";
import { SiteFooter } from "@/components/ui/site-footer";
import { SiteHeader } from "@/components/ui/site-header";
import { getEnv } from "@/server/env";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  return {
    metadataBase: new URL(getEnv().appUrl),
    title: { default: "AI Whisperers — learn AI, lesson by lesson", template: "%s · AI Whisperers" },
    description:
      "Practical courses about artificial intelligence: foundations, prompt engineering, machine learning and LLM applications.",
  };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#4f46e5" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Reading the request makes every page render per request, so Next.js can put the CSP nonce
  // (set by src/proxy.ts) on its scripts.
  await headers();
  const { isDemo, isDemoExposed } = getEnv();
  return (
    <html lang="en">
      <body className="flex min-h-screen flex-col bg-slate-50 font-sans text-slate-900 antialiased">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded focus:bg-white focus:px-4 focus:py-2 focus:shadow"
        >
          Skip to content
        </a>
        {isDemo ? <DemoBanner exposed={isDemoExposed} /> : null}
        <SiteHeader />
        <main id="main" className="flex-1">
          {children}
        </main>
        <SiteFooter />
      </body>
    </html>
  );
}
