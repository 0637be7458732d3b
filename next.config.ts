import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite loads its WebAssembly and data files relative to its own module; bundling breaks that.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pg",
    "prom-client",
    "subset-font",
    "harfbuzzjs",
    "re2-wasm",
  ],
  poweredByHeader: false,
  // Type errors fail `npm run typecheck` (run by .ci/run); not checking twice keeps the build fast.
  typescript: { ignoreBuildErrors: true },
  reactStrictMode: true,
  // Browsers still ask for /favicon.ico now and then (before they read the page's icon link, or for a file they
  // opened directly): answer with the platform's icon instead of a 404 in every console.
  async rewrites() {
    return [{ source: "/favicon.ico", destination: "/icon.svg" }];
  },
  // The CSP (with a per-request nonce) is set in src/proxy.ts; these apply to every response,
  // static files included.
  async headers() {
    return [
      {
        // Not the exercise sandbox: its page sets its own frame policy (src/server/assessments/sandbox/page.ts).
        source: "/((?!sandbox/).*)",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
        ],
      },
    ];
  },
};

export default nextConfig;
