import { createRequire } from "node:module";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { allOperations } from "@/server/http/registry";
import { ROOT } from "../../scripts/build-state";
import { startE2eServer } from "./helpers/setup";
import type { RunningServer } from "./helpers/server";
import { ACTORS, buildFixtures, type ActorName, type Fixtures } from "./helpers/matrix-fixtures";
import { ACTIONS, OPERATIONS, PAGES, ROUTES, type Outcome, type Row } from "./helpers/matrix-expectations";
import {
  actionExportsInSource,
  coverageProblems,
  discoverActions,
  discoverRoutes,
  type DiscoveredAction,
} from "./helpers/matrix-routes";

/**
 * Issue 13, "Prove access control everywhere": every page, route handler, JSON operation and server action the
 * platform serves (discovered from src/app, the operation registry and the build's server-action manifest)
 * × every kind of actor, each cell checked against the production build.
 *
 * The coverage checks run in both passes; the cells need the fixtures, which the services write into the
 * server's own database, so they run when DATABASE_URL is set (on PGlite the server holds the data directory).
 * Server actions are called over HTTP as a browser calls them: a POST to a page that bundles the action, with
 * the manifest's id in `Next-Action` and the arguments encoded by React's own `encodeReply`; the result (or the
 * redirect) is read from the response. Expectations and probe inputs: tests/e2e/helpers/matrix-expectations.ts.
 */

const opKey = (op: { method: string; path: string }) => `${op.method} ${op.path}`;

describe("authorization matrix: every served item has a row", () => {
  test("pages, route handlers and metadata routes", () => {
    const routes = discoverRoutes();
    const problems = [
      ...coverageProblems(
        "page",
        routes.filter((r) => r.kind === "page").map((r) => r.file),
        Object.keys(PAGES),
      ),
      ...coverageProblems(
        "route handler",
        routes.filter((r) => r.kind !== "page").map((r) => r.file),
        Object.keys(ROUTES),
      ),
    ];
    // A handler marked as mounting the registry must serve at least one registered operation's path.
    for (const route of routes.filter((r) => ROUTES[r.file]?.mounts === "registry")) {
      const pattern = new RegExp(
        "^" +
          route.template
            .replace(/\./g, "\\.")
            .replace(/\[\\\.\\\.\\\.\w+\]/g, ".+")
            .replace(/\[\w+\]/g, "[^/]+") +
          "$",
      );
      const served = allOperations.filter((op) => pattern.test(op.path.replace(/\{\w+\}/g, "x")));
      if (served.length === 0) problems.push(`route handler "${route.file}" mounts no registered operation`);
    }
    expect(problems, problems.join("\n")).toEqual([]);
  });

  test("JSON operations of the registry", () => {
    const problems = coverageProblems("operation", allOperations.map(opKey), Object.keys(OPERATIONS));
    expect(problems, problems.join("\n")).toEqual([]);
  });

  test("server actions of the build (and every exported action of a 'use server' file is in the build)", () => {
    const actions = discoverActions();
    const problems = [
      ...coverageProblems(
        "server action",
        actions.map((a) => a.key),
        Object.keys(ACTIONS),
      ),
      ...coverageProblems(
        "'use server' export (missing from .next/server/server-reference-manifest.json: rebuild?)",
        actionExportsInSource(),
        actions.map((a) => a.key),
      ),
    ];
    expect(problems, problems.join("\n")).toEqual([]);
  });
});

// ------------------------------------------------------------------------------------------------ probes

type Mismatch = string;

/** Runs `jobs` with at most `limit` at a time. */
async function pool<T>(jobs: (() => Promise<T>)[], limit = 8): Promise<T[]> {
  const out: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, jobs.length) }, async () => {
      while (next < jobs.length) {
        const i = next++;
        out[i] = await jobs[i]!();
      }
    }),
  );
  return out;
}

/** A redirect's target as a path (+ search), relative to the server. */
function locationPath(location: string, base: string): string {
  const url = new URL(location, base);
  return url.origin === new URL(base).origin ? url.pathname + url.search : url.href;
}

function matches(expected: Outcome, observed: Outcome): boolean {
  if (expected.startsWith("->")) {
    if (!observed.startsWith("->")) return false;
    // "->/learn/?error=progress": the path prefix, and the query part anywhere in the observed target.
    const [prefix, query] = expected.slice(2).split("?");
    const target = observed.slice(2);
    return target.startsWith(prefix!) && (!query || target.includes(query));
  }
  return observed.split(" (")[0] === expected;
}

describe.skipIf(!process.env.DATABASE_URL)("authorization matrix against the production build", () => {
  let server: RunningServer;
  let f: Fixtures;
  let databaseUrl = "";
  const savedEnv = { ...process.env };

  beforeAll(async () => {
    server = await startE2eServer((databaseEnv) => {
      databaseUrl = databaseEnv.DATABASE_URL!;
      return { ...databaseEnv };
    });
    // The services run in this process against the server's database, configured as the server is.
    Object.assign(process.env, {
      APP_MODE: "demo",
      APP_URL: server.url,
      DATABASE_URL: databaseUrl,
      DATA_DIR: server.dataDir,
      LOG_LEVEL: "silent",
    });
    f = await buildFixtures(databaseUrl, server.url);
  }, 180_000);

  afterAll(async () => {
    await f?.close();
    await server?.stop();
    for (const k of ["APP_MODE", "APP_URL", "DATABASE_URL", "DATA_DIR", "LOG_LEVEL"]) {
      if (savedEnv[k] === undefined) delete process.env[k];
      else process.env[k] = savedEnv[k];
    }
  });

  const cookie = (actor: ActorName, token?: string): Record<string, string> =>
    actor === "anonymous" ? {} : { cookie: `authjs.session-token=${token ?? f.tokens[actor]}` };

  /** Checks every cell of `rows`; returns one line per cell that differs. */
  async function check<R>(
    rows: [name: string, row: R][],
    expectOf: (row: R) => Row,
    observe: (row: R, actor: ActorName) => Promise<Outcome>,
    limit = 12,
  ): Promise<{ mismatches: Mismatch[]; cells: number }> {
    const jobs = rows.flatMap(([name, row]) =>
      ACTORS.map((actor) => async () => {
        const expected = expectOf(row)[actor];
        let observed: Outcome;
        try {
          observed = await observe(row, actor);
        } catch (e) {
          observed = `threw ${e instanceof Error ? e.message : String(e)}`;
        }
        return matches(expected, observed)
          ? null
          : `${name} × ${actor}: expected ${expected}, got ${observed}`;
      }),
    );
    const results = await pool(jobs, limit);
    return { mismatches: results.filter((r): r is string => r !== null), cells: jobs.length };
  }

  test("pages", async () => {
    const rows = Object.entries(PAGES).flatMap(([file, row]) => [
      [file, { path: row.path, expect: row.expect }] as [string, { path: typeof row.path; expect: Row }],
      ...(row.also ?? []).map((v) => [`${file} (${v.label})`, v] as [string, typeof v]),
    ]);
    const { mismatches, cells } = await check(
      rows,
      (r) => r.expect,
      async (row, actor) => {
        const res = await fetch(server.url + row.path(f), { redirect: "manual", headers: cookie(actor) });
        const body = await res.text();
        if (res.status >= 300 && res.status < 400) {
          const to = locationPath(res.headers.get("location") ?? "", server.url);
          if (to.startsWith("/signin?callbackUrl=")) return "signin";
          if (to === "/account?denied=1") return "denied";
          return `->${to}`;
        }
        if (res.status === 200 && body.includes("This lesson is closed to you")) return "closed";
        return String(res.status);
      },
    );
    expect(cells).toBeGreaterThan(0);
    expect(mismatches, mismatches.join("\n")).toEqual([]);
  });

  test("JSON operations and route handlers", async () => {
    const fill = (template: string, params: Record<string, string>) =>
      template.replace(/\{(\w+)\}/g, (_, k: string) => {
        if (!(k in params)) throw new Error(`no fixture value for {${k}} in ${template}`);
        return encodeURIComponent(params[k]!);
      });
    const ops = allOperations.flatMap((op) => {
      const row = OPERATIONS[opKey(op)]!;
      return [
        [opKey(op), { op, row }] as const,
        ...(row.also ?? []).map(
          (v) =>
            [
              `${opKey(op)} (${v.label})`,
              { op, row: { ...row, params: v.params, expect: v.expect } },
            ] as const,
        ),
      ];
    });
    const request = async (method: string, url: string, actor: ActorName, body?: unknown) => {
      const write = method !== "GET" && method !== "HEAD";
      const res = await fetch(url, {
        method,
        redirect: "manual",
        headers: {
          ...cookie(actor),
          ...(write ? { origin: server.url } : {}),
          ...(body !== undefined ? { "content-type": "application/json" } : {}),
        },
        body: body !== undefined ? JSON.stringify(body) : undefined,
      });
      await res.arrayBuffer();
      return String(res.status);
    };
    const opResult = await check(
      ops.map(([k, v]) => [k, v] as [string, (typeof ops)[number][1]]),
      ({ row }) => row.expect,
      ({ op, row }, actor) =>
        request(op.method, server.url + fill(op.path, row.params?.(f) ?? {}), actor, row.body?.(f)),
    );
    const probes = Object.entries(ROUTES).flatMap(([file, r]) => (r.probe ? [[file, r.probe] as const] : []));
    const routeResult = await check(
      probes.map(([k, v]) => [k, v] as [string, (typeof probes)[number][1]]),
      (p) => p.expect,
      (p, actor) => request(p.method, server.url + p.path(f), actor),
    );
    const mismatches = [...opResult.mismatches, ...routeResult.mismatches];
    expect(mismatches, mismatches.join("\n")).toEqual([]);
  });

  test("server actions, called over HTTP as the browser calls them (Next-Action + React's reply encoding)", async () => {
    const requireNext = createRequire(path.join(ROOT, "package.json"));
    const { encodeReply } = requireNext("next/dist/compiled/react-server-dom-webpack/client.node") as {
      encodeReply: (args: unknown[]) => Promise<string | FormData>;
    };
    const discovered = new Map(discoverActions().map((a) => [a.key, a]));
    const pagePath = (a: DiscoveredAction): string => {
      const worker = [...a.pages].sort((x, y) => x.split("[").length - y.split("[").length)[0]!;
      return (
        worker
          .replace(/^app/, "")
          .replace(/\/page$/, "")
          .replace(/\[slug\]/g, f.paid.slug)
          .replace(/\[lessonId\]/g, f.paid.lessonIds[0])
          .replace(/\[sessionId\]/g, f.checkout.sessionId)
          .replace(/\[id\]/g, worker.startsWith("app/admin") ? f.users.student.id : f.paid.id) || "/"
      );
    };
    // Action results carry the message, not the code: FORBIDDEN's messages, as the services word them.
    const FORBIDDEN =
      /not allowed to|Only the course's owner or an administrator|is suspended|cannot report your own/i;
    const call = async (key: string, actor: ActorName): Promise<Outcome> => {
      const row = ACTIONS[key]!;
      const action = discovered.get(key)!;
      const token = row.freshSession && actor !== "anonymous" ? await f.newSession(actor) : undefined;
      const body = await encodeReply(row.args(f, actor));
      const res = await fetch(server.url + pagePath(action), {
        method: "POST",
        redirect: "manual",
        headers: {
          ...cookie(actor, token),
          origin: server.url,
          accept: "text/x-component",
          "next-action": action.id,
          ...(typeof body === "string" ? { "content-type": "text/plain;charset=UTF-8" } : {}),
        },
        body,
      });
      const text = await res.text();
      const redirect = res.headers.get("x-action-redirect") ?? res.headers.get("location");
      if (redirect) return `->${locationPath(redirect.split(";")[0]!, server.url)}`;
      const ok = /"ok":(true|false)/.exec(text);
      if (!ok) return res.status === 200 ? "void" : `status ${res.status}`;
      if (ok[1] === "true") return "ok";
      const message = JSON.parse(
        `"${/\{"ok":false,"error":"((?:[^"\\]|\\.)*)"/.exec(text)?.[1] ?? ""}"`,
      ) as string;
      const kind = /Please sign in/.test(message)
        ? "signin"
        : / was not found\./.test(message)
          ? "notfound"
          : FORBIDDEN.test(message)
            ? "forbidden"
            : "refused";
      return `${kind} (${message})`;
    };
    const rows = Object.entries(ACTIONS);
    // Actions that end sessions go last, one at a time, each on a session of its own.
    const ordinary = rows.filter(([, r]) => !r.freshSession && !r.last);
    const last = rows.filter(([, r]) => !r.freshSession && r.last);
    const sessionEnding = rows.filter(([, r]) => r.freshSession);
    const results: Mismatch[] = [];
    for (const group of [ordinary, last, sessionEnding]) {
      const jobs = group.map(([key]) => key);
      const { mismatches } = await check(
        jobs.map((k) => [k, k] as [string, string]),
        (k) => ACTIONS[k]!.expect,
        (k, actor) => call(k, actor),
        group === sessionEnding ? 1 : 8,
      );
      results.push(...mismatches);
    }
    expect(results, results.join("\n")).toEqual([]);
  });
});
