import fs from "node:fs";
import path from "node:path";
import { ROOT } from "../../../scripts/build-state";

/**
 * Route discovery for the authorization matrix: what the platform serves, read from the source tree and the
 * build at test time, so a new page, route handler, metadata route or server action appears here by itself.
 */

const APP = path.join(ROOT, "src", "app");

/** Next.js metadata routes served as files (robots.txt, sitemap.xml…) when written as code. */
const METADATA_ROUTE = /^(robots|sitemap|manifest)\.(ts|tsx)$/;

export interface DiscoveredRoute {
  /** The file, relative to the repository (e.g. src/app/courses/[slug]/page.tsx). */
  file: string;
  kind: "page" | "route" | "metadata";
  /** The URL template: route groups dropped, dynamic segments kept as [name] (e.g. /courses/[slug]). */
  template: string;
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? walk(full) : [full];
  });
}

/** Every page.tsx, route.ts and code metadata route under src/app. */
export function discoverRoutes(): DiscoveredRoute[] {
  const out: DiscoveredRoute[] = [];
  for (const full of walk(APP)) {
    const rel = path.relative(APP, full).split(path.sep);
    const name = rel.at(-1)!;
    const dirs = rel.slice(0, -1).filter((d) => !/^\(.*\)$/.test(d) && !d.startsWith("@"));
    const file = path.relative(ROOT, full).split(path.sep).join("/");
    if (/^page\.(tsx|ts|jsx|js|mdx)$/.test(name)) {
      out.push({ file, kind: "page", template: "/" + dirs.join("/") });
    } else if (/^route\.(ts|js)$/.test(name)) {
      out.push({ file, kind: "route", template: "/" + dirs.join("/") });
    } else if (METADATA_ROUTE.test(name)) {
      const base = name.replace(/\.(ts|tsx)$/, "");
      const served =
        base === "manifest" ? "manifest.webmanifest" : `${base}.${base === "robots" ? "txt" : "xml"}`;
      out.push({ file, kind: "metadata", template: "/" + [...dirs, served].join("/") });
    }
  }
  return out.sort((a, b) => a.file.localeCompare(b.file));
}

export interface DiscoveredAction {
  id: string;
  /** The defining file, relative to the repository (src/app/…/actions.ts). */
  file: string;
  exportedName: string;
  /** The pages whose bundles include the action (app/…/page), from the manifest's workers. */
  pages: string[];
  /** "file#exportedName": the key of the expectations table. */
  key: string;
}

export const SERVER_ACTION_MANIFEST = path.join(ROOT, ".next", "server", "server-reference-manifest.json");

/** Every server action of the production build, from .next/server/server-reference-manifest.json. */
export function discoverActions(): DiscoveredAction[] {
  const manifest = JSON.parse(fs.readFileSync(SERVER_ACTION_MANIFEST, "utf8")) as {
    node: Record<string, { workers: Record<string, unknown>; filename?: string; exportedName?: string }>;
  };
  return Object.entries(manifest.node)
    .map(([id, entry]) => {
      if (!entry.filename || !entry.exportedName) {
        throw new Error(
          `server-reference-manifest.json: action ${id} has no filename/exportedName; the matrix needs them`,
        );
      }
      const file = entry.filename.split(path.sep).join("/");
      return {
        id,
        file,
        exportedName: entry.exportedName,
        pages: Object.keys(entry.workers),
        key: `${file}#${entry.exportedName}`,
      };
    })
    .sort((a, b) => a.key.localeCompare(b.key));
}

/** Every `export async function` of the "use server" files under src/app: what the build must list. */
export function actionExportsInSource(): string[] {
  const keys: string[] = [];
  for (const full of walk(APP)) {
    if (!/\.(ts|tsx)$/.test(full)) continue;
    const text = fs.readFileSync(full, "utf8");
    if (!/^\s*["']use server["'];?/.test(text)) continue;
    const file = path.relative(ROOT, full).split(path.sep).join("/");
    for (const m of text.matchAll(/^export\s+async\s+function\s+(\w+)/gm)) keys.push(`${file}#${m[1]}`);
  }
  return keys.sort();
}

/** Missing and extra keys between what was discovered and what a table lists, as one readable message. */
export function coverageProblems(what: string, discovered: string[], listed: string[]): string[] {
  const have = new Set(listed);
  const found = new Set(discovered);
  return [
    ...discovered
      .filter((k) => !have.has(k))
      .map((k) => `${what} "${k}" is served but has no row in the authorization matrix: add one`),
    ...listed
      .filter((k) => !found.has(k))
      .map((k) => `${what} "${k}" has a row in the authorization matrix but is no longer served: remove it`),
  ];
}
