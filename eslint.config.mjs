import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: [".next/**", "node_modules/**", "data/**", "drizzle/**", "next-env.d.ts", "test-results/**"] },
  {
    files: ["src/app/**/*.{ts,tsx}"],
    rules: {
      // Transport stays thin: no SQL and no ORM in routes, pages or actions (DESIGN.md convention 1).
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["drizzle-orm", "drizzle-orm/*"],
              message: "Routes call services; they never build SQL.",
            },
            { group: ["@/server/db/schema", "@/server/db/schema/*"], message: "Routes call services." },
          ],
        },
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
