import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const ORM = { group: ["drizzle-orm", "drizzle-orm/*"], message: "Only services build SQL." };
const SCHEMA = { group: ["@/server/db/schema", "@/server/db/schema/*"], message: "Routes call services." };

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: [".next/**", "node_modules/**", "data/**", "drizzle/**", "next-env.d.ts", "test-results/**"] },
  // Boundaries (DESIGN.md "Layout"): one no-restricted-imports entry per layer, since a later entry for the
  // same rule replaces an earlier one for the files both match.
  {
    files: ["src/app/**/*.{ts,tsx}"],
    rules: {
      // Transport stays thin: no SQL and no ORM in routes, pages or actions (DESIGN.md convention 1).
      "no-restricted-imports": ["error", { patterns: [ORM, SCHEMA] }],
    },
  },
  {
    files: ["src/components/**/*.{ts,tsx}"],
    rules: {
      // Components render; actions and data come in as props from the page.
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/app", "@/app/*"],
              message: "Components take server actions as props from the page; they never import src/app.",
            },
            ORM,
            { group: ["@/server/db", "@/server/db/*"], message: "Components get their data from the page." },
            {
              group: ["next/headers", "next/server"],
              message: "Components do not read the request; the page passes what they need.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["src/lib/**/*.{ts,tsx}"],
    rules: {
      // Framework-free helpers: usable from services, pages, components and scripts alike.
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["next", "next/*"], message: "src/lib is framework-free." },
            ORM,
            {
              group: ["@/server", "@/server/*", "**/server/*"],
              message: "src/lib does not depend on the server.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["src/server/**/*.{ts,tsx}"],
    rules: {
      // Services are plain functions (DESIGN.md convention 1): no Next.js, no transport.
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["next", "next/*"],
              message: "Services never import next/* (only src/server/http and src/server/auth are glue).",
            },
            { group: ["@/app", "@/app/*"], message: "Services never import from src/app." },
          ],
        },
      ],
    },
  },
  {
    // Transport and Auth.js glue: Next.js allowed, src/app still not.
    files: ["src/server/http/**/*.{ts,tsx}", "src/server/auth/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/app", "@/app/*"], message: "Services never import from src/app." }] },
      ],
    },
  },
  {
    files: ["src/**/*.{ts,tsx}"],
    ignores: ["src/server/env.ts"],
    rules: {
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read configuration from src/server/env.ts." },
      ],
    },
  },
];

export default config;
