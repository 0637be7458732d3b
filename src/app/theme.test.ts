import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** Tailwind 4 generates nothing for a colour the theme lacks: a `border-brand-300` would silently fall back. */
describe("the theme", () => {
  it("defines every brand shade the components use", () => {
    const root = path.join(__dirname, "..");
    const css = fs.readFileSync(path.join(__dirname, "globals.css"), "utf8");
    const defined = new Set([...css.matchAll(/--color-brand-(\d+):/g)].map((m) => m[1]));
    const used = new Set<string>();
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (/\.(tsx?|css)$/.test(entry.name))
          for (const m of fs.readFileSync(full, "utf8").matchAll(/\bbrand-(\d+)\b/g)) used.add(m[1]!);
      }
    };
    walk(root);
    expect([...used].filter((shade) => !defined.has(shade))).toEqual([]);
  });
});
