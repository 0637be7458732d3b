/**
 * `npm run bench:http`: the platform against a bare-Node ceiling on the same database, in one run (issue 14).
 *
 * Starts the ceiling (scripts/bench/ceiling.ts: node:http + pg, the platform's own statements for each hot
 * path, session lookup included) and the platform (its `serve` script on an existing production build, in
 * production mode), both on 127.0.0.1, on the database DATABASE_URL names, filled by `npm run bench:data`
 * (whose bench/.data.json gives the session tokens, slugs and lessons). Checks that both answer the JSON paths
 * with the same bodies, then runs each scenario closed-loop with autocannon (fixed connections, a warm-up,
 * then rounds alternating ceiling and platform), prints req/s, p50 and p99 for both and the ratio (median of
 * the rounds), the servers' resident memory at idle and at peak, and finally checks that every enrollment's
 * percentage equals its completed progress rows (exit 1 otherwise).
 *
 *   npm run bench:http
 *   npm run bench:http -- --connections 20 --duration 10 --rounds 3 --only course,progress --json out.json
 *   npm run bench:http -- --only none --memory-minutes 10        a 10-minute mixed-load soak, RSS every 10 s
 *
 * What the platform sends PostgreSQL per request (log_statement = 'all', commit 5f23545; the ceiling sends
 * the same, checked the same way):
 * - GET /api/v1/courses: 1 (the catalog page, limit + 1 rows).
 * - GET /api/v1/courses/{slug}: 3 (the outline by slug; then instructors and the rating histogram side by side).
 * - GET /api/v1/me/enrollments: 2 (the session joined to its user; the enrollments with their resume lesson),
 *   plus an UPDATE of the session's last_seen_at at most every 5 minutes per session.
 * - PUT /api/v1/lessons/{id}/progress: 10 (the session; BEGIN; the lesson's module and course; the
 *   enrollment FOR UPDATE; the lesson's row; its upsert; the module row's upsert-with-count; the recount; the
 *   enrollment UPDATE; COMMIT), 14 when it completes the course (the user, pending certificates, the INSERT,
 *   the revoked-certificates UPDATE).
 * - /courses/{slug} anonymous: 4 (the JSON's 3 and the first page of reviews).
 * - /learn/{slug}/{lesson} signed in: 7 (the session, the lesson with its enrollment, the syllabus with
 *   completion marks; BEGIN, the enrollment's last_accessed_at, the lesson's progress row touched, COMMIT).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon, { type Options, type Result } from "autocannon";
import pg from "pg";
import type { BenchData } from "./bench/data-file";
import { Args } from "./bench/args";
import { checkPercentages, describeConsistency, type ConsistencyReport } from "./bench/consistency";
import { mixedLoad, scenarios as allScenarios, UserPool, type Scenario } from "./bench/scenarios";
import { mb, RssSampler, startCeiling, startPlatform, type BenchServer } from "./bench/servers";

const ROOT = path.resolve(__dirname, "..");

const USAGE = `Usage: npm run bench:http -- [--connections 20] [--duration 10] [--rounds 3] [--warmup 10]
       [--only catalog,course,enrollments,progress,course-page,lesson-page|none] [--json FILE]
       [--memory-minutes N] [--data bench/.data.json] [--app-dir DIR] [--pool 20] [--log-level info]

DATABASE_URL names the database \`npm run bench:data\` filled; the platform's production build must exist in
--app-dir (default: this repository).`;

const args: Args = new Args(
  process.argv.slice(2),
  {
    values: [
      "connections",
      "duration",
      "rounds",
      "warmup",
      "only",
      "json",
      "memory-minutes",
      "data",
      "app-dir",
      "pool",
      "log-level",
    ],
    flags: ["help"],
  },
  USAGE,
);
if (args.flag("help")) {
  console.log(USAGE);
  process.exit(0);
}

const CONNECTIONS = args.int("connections", 20);
const DURATION = args.int("duration", 10);
const ROUNDS = args.int("rounds", 3);
const WARMUP = args.int("warmup", 10, 0);
const SOAK_MINUTES = args.int("memory-minutes", 0, 0);
const POOL = args.int("pool", 20);
const LOG_LEVEL = args.string("log-level") ?? "info";
const APP_DIR = path.resolve(args.string("app-dir") ?? ROOT);
const DATA_FILE = path.resolve(args.string("data") ?? path.join("bench", ".data.json"));
const JSON_OUT = args.string("json");

interface RunStats {
  target: "ceiling" | "platform";
  round: number;
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
}

interface ScenarioResult {
  name: string;
  label: string;
  runs: RunStats[];
  ceiling?: Summary;
  platform: Summary;
  /** Platform ÷ ceiling req/s, the median of the rounds' ratios. */
  ratio?: number;
  /** The platform's peak resident memory during this scenario (bytes). */
  platformPeakRss: number;
}

interface Summary {
  rps: number;
  p50: number;
  p99: number;
  failed: number;
}

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length === 0 ? NaN : s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

function loadData(dbName: string): BenchData {
  if (!fs.existsSync(DATA_FILE)) {
    args.refuse(`${DATA_FILE} is missing: fill the database first (DATABASE_URL=… npm run bench:data).`);
  }
  const data = JSON.parse(fs.readFileSync(DATA_FILE, "utf8")) as BenchData;
  if (data.database !== dbName) {
    args.refuse(
      `${DATA_FILE} describes the database "${data.database}", not "${dbName}": run bench:data for it.`,
    );
  }
  if (data.sessions.length < 2 || data.courseSlugs.length === 0) {
    args.refuse(`${DATA_FILE} has no sessions or courses: run bench:data with --sessions 2 or more.`);
  }
  return data;
}

function checkBuild() {
  if (!fs.existsSync(path.join(APP_DIR, ".next", "BUILD_ID"))) {
    console.error(
      `\nNo production build in ${APP_DIR} (.next/BUILD_ID is missing). Build it first:\n\n` +
        `  cd ${APP_DIR} && npm run build\n\n` +
        "(bench:http never builds: a build while something else is serving the same directory breaks it.)\n",
    );
    process.exit(1);
  }
}

async function run(target: BenchServer, options: Omit<Options, "url">): Promise<Result> {
  return autocannon({ ...options, url: target.url, pipelining: 1, timeout: 10 });
}

function stats(target: BenchServer, round: number, r: Result): RunStats {
  const statusCodes = Object.fromEntries(
    Object.entries(r.statusCodeStats ?? {}).map(([k, v]) => [k, v.count]),
  );
  return {
    target: target.name,
    round,
    rps: r["2xx"] / r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    statusCodes,
  };
}

function summarize(runs: RunStats[]): Summary {
  return {
    rps: median(runs.map((r) => r.rps)),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    failed: runs.reduce((n, r) => n + r.non2xx + r.errors + r.timeouts, 0),
  };
}

const fmtRps = (n: number | undefined) =>
  n === undefined || Number.isNaN(n) ? "—" : Math.round(n).toLocaleString("en");
const fmtMs = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? "—" : `${Math.round(n)} ms`);
const fmtPct = (n: number | undefined) =>
  n === undefined || Number.isNaN(n) ? "—" : `${(n * 100).toFixed(1)} %`;

/** Each page once, four at a time; a page that does not answer 200 stops the bench (it would measure errors). */
async function prime(target: BenchServer, pages: { path: string; headers?: Record<string, string> }[]) {
  let next = 0;
  const worker = async () => {
    while (next < pages.length) {
      const page = pages[next++]!;
      const res = await fetch(`${target.url}${page.path}`, { headers: page.headers });
      await res.arrayBuffer();
      if (res.status !== 200)
        throw new Error(`priming ${page.path} on the ${target.name}: HTTP ${res.status}`);
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
}

async function runScenario(
  scenario: Scenario,
  targets: BenchServer[],
  users: UserPool,
  samplers: Map<BenchServer, RssSampler>,
): Promise<ScenarioResult> {
  const active = targets.filter((t) => scenario.ceiling || t.name === "platform");
  const base = { connections: CONNECTIONS };
  process.stdout.write(`  ${scenario.label.padEnd(40)}`);
  samplers.forEach((s) => s.resetPeak());
  if (scenario.prime) {
    const pages = scenario.prime();
    for (const t of active) await prime(t, pages);
  }
  if (WARMUP > 0) {
    for (const t of active) await run(t, { ...base, duration: WARMUP, ...scenario.options(t, users) });
  }
  const runs: RunStats[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    for (const t of active) {
      const result = await run(t, { ...base, duration: DURATION, ...scenario.options(t, users) });
      const s = stats(t, round, result);
      runs.push(s);
      process.stdout.write(` ${t.name[0]}${round}:${fmtRps(s.rps)}`);
    }
  }
  process.stdout.write("\n");
  const platformRuns = runs.filter((r) => r.target === "platform");
  const ceilingRuns = runs.filter((r) => r.target === "ceiling");
  const ratios = scenario.ceiling
    ? platformRuns.map((p) => p.rps / (ceilingRuns.find((c) => c.round === p.round)?.rps ?? NaN))
    : [];
  const platform = targets.find((t) => t.name === "platform")!;
  return {
    name: scenario.name,
    label: scenario.label,
    runs,
    ceiling: scenario.ceiling ? summarize(ceilingRuns) : undefined,
    platform: summarize(platformRuns),
    ratio: scenario.ceiling ? median(ratios) : undefined,
    platformPeakRss: samplers.get(platform)!.resetPeak(),
  };
}

function printTable(results: ScenarioResult[]) {
  const courseCeiling = results.find((r) => r.name === "course")?.ceiling?.rps;
  const header = [
    "path",
    "ceiling req/s",
    "p50",
    "p99",
    "platform req/s",
    "p50",
    "p99",
    "ratio",
    "platform RSS peak",
  ];
  const rows = results.map((r) => {
    let ratio = fmtPct(r.ratio);
    if (r.name === "course-page" && courseCeiling) ratio = `${fmtPct(r.platform.rps / courseCeiling)} *`;
    const flag = r.platform.failed + (r.ceiling?.failed ?? 0) > 0 ? " !" : "";
    return [
      r.label + flag,
      fmtRps(r.ceiling?.rps),
      fmtMs(r.ceiling?.p50),
      fmtMs(r.ceiling?.p99),
      fmtRps(r.platform.rps),
      fmtMs(r.platform.p50),
      fmtMs(r.platform.p99),
      ratio,
      mb(r.platformPeakRss),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    "| " + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(" | ") + " |";
  console.log(
    `\n${line(header)}\n|${widths.map((w, i) => (i === 0 ? `:${"-".repeat(w + 1)}` : `${"-".repeat(w + 1)}:`)).join("|")}|`,
  );
  for (const row of rows) console.log(line(row));
  console.log(
    `\nMedians of ${ROUNDS} rounds of ${DURATION} s, ${CONNECTIONS} connections, closed loop (autocannon), after a ` +
      `${WARMUP} s warm-up; req/s counts 2xx answers only.`,
  );
  if (results.some((r) => r.name === "course-page"))
    console.log("* the anonymous course page against the ceiling's course JSON rate");
  const failed = results.filter((r) => r.platform.failed + (r.ceiling?.failed ?? 0) > 0);
  for (const r of failed) {
    const codes = r.runs
      .filter((x) => x.non2xx + x.errors + x.timeouts > 0)
      .map(
        (x) =>
          `${x.target} round ${x.round}: ${JSON.stringify(x.statusCodes)} errors ${x.errors} timeouts ${x.timeouts}`,
      );
    console.log(`! ${r.label}: answers other than 2xx — ${codes.join("; ")}`);
  }
}

/**
 * The JSON paths answer the same bodies from both servers, byte for byte (dates, ids, percentages, cursors,
 * key order): the ceiling is only a ceiling if it does the same work.
 */
async function compareResponses(
  data: BenchData,
  ceiling: BenchServer,
  platform: BenchServer,
): Promise<string[]> {
  const probe = data.sessions.at(-1)!;
  const problems: string[] = [];
  const get = async (t: BenchServer, p: string, init: RequestInit = {}) => {
    const res = await fetch(`${t.url}${p}`, init);
    return { status: res.status, text: await res.text() };
  };
  const signedIn = { cookie: `authjs.session-token=${probe.token}` };
  const put = (t: BenchServer): [string, RequestInit] => [
    `/api/v1/lessons/${probe.lessonId}/progress`,
    {
      method: "PUT",
      headers: { ...signedIn, origin: t.origin, "content-type": "application/json" },
      body: '{"completed":true}',
    },
  ];
  const checks: [string, (t: BenchServer) => [string, RequestInit]][] = [
    ["GET /api/v1/courses", () => ["/api/v1/courses", {}]],
    ["GET /api/v1/courses/{slug}", () => [`/api/v1/courses/${data.courseSlugs[0]}`, {}]],
    ["GET /api/v1/me/enrollments", () => ["/api/v1/me/enrollments", { headers: signedIn }]],
    // The same completion twice (the platform's repeats the ceiling's): both answer the state after it.
    ["PUT /api/v1/lessons/{id}/progress", put],
  ];
  for (const [label, request] of checks) {
    const a = await get(ceiling, ...request(ceiling));
    const b = await get(platform, ...request(platform));
    if (a.status !== 200 || b.status !== 200 || a.text !== b.text) {
      problems.push(
        `${label}:\n    ceiling  ${a.status} ${a.text.slice(0, 400)}\n    platform ${b.status} ${b.text.slice(0, 400)}`,
      );
    }
  }
  return problems;
}

async function soak(data: BenchData, platform: BenchServer, users: UserPool, sampler: RssSampler) {
  console.log(
    `\nMixed-load soak on the platform: ${SOAK_MINUTES} min, ${CONNECTIONS} connections, RSS every 10 s`,
  );
  const series: { t: number; rss: number; rps: number }[] = [];
  let counted = 0;
  const startedAt = Date.now();
  const instance = autocannon({
    url: platform.url,
    connections: CONNECTIONS,
    duration: SOAK_MINUTES * 60,
    pipelining: 1,
    timeout: 10,
    ...mixedLoad(data, platform, users),
  });
  instance.on("tick", ({ counter }) => (counted += counter));
  series.push({ t: 0, rss: sampler.sample(), rps: 0 });
  const timer = setInterval(() => {
    const t = Math.round((Date.now() - startedAt) / 1000);
    const point = { t, rss: sampler.sample(), rps: counted / 10 };
    counted = 0;
    series.push(point);
    const mm = `${Math.floor(t / 60)}:${String(t % 60).padStart(2, "0")}`;
    console.log(
      `  ${mm.padStart(6)}  RSS ${mb(point.rss).padStart(8)}  ${Math.round(point.rps).toLocaleString("en").padStart(6)} req/s`,
    );
  }, 10_000);
  const result = await instance;
  clearInterval(timer);
  const rss = series.map((p) => p.rss);
  // Least-squares slope of RSS over time: a steady climb through the soak is a leak, not a peak.
  const n = series.length;
  const mt = series.reduce((a, p) => a + p.t, 0) / Math.max(1, n);
  const mr = rss.reduce((a, r) => a + r, 0) / Math.max(1, n);
  const slope =
    series.reduce((a, p) => a + (p.t - mt) * (p.rss - mr), 0) /
    Math.max(
      1,
      series.reduce((a, p) => a + (p.t - mt) ** 2, 0),
    );
  const summary = {
    minutes: SOAK_MINUTES,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    rssMin: Math.min(...rss),
    rssMax: Math.max(...rss),
    rssFirst: rss[0] ?? 0,
    rssLast: rss.at(-1) ?? 0,
    slopeMbPerMinute: (slope * 60) / 1024 / 1024,
    series,
  };
  console.log(
    `  RSS first ${mb(summary.rssFirst)}, min ${mb(summary.rssMin)}, max ${mb(summary.rssMax)}, last ` +
      `${mb(summary.rssLast)}; trend ${summary.slopeMbPerMinute.toFixed(1)} MB/min; ` +
      `${result.requests.total.toLocaleString("en")} requests, ${result.non2xx} non-2xx, ${result.errors} errors`,
  );
  return summary;
}

async function main() {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) args.refuse("DATABASE_URL is not set: name the database bench:data filled.");
  const dbName = decodeURIComponent(new URL(databaseUrl).pathname.replace(/^\//, ""));
  const data = loadData(dbName);
  checkBuild();
  const only = args
    .string("only")
    ?.split(",")
    .map((s) => s.trim());
  const known = allScenarios(data);
  for (const name of only ?? []) {
    if (name !== "none" && !known.some((s) => s.name === name)) args.fail(`unknown scenario "${name}"`);
  }
  const selected = only ? known.filter((s) => only.includes(s.name)) : known;

  const db = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  const servers: BenchServer[] = [];
  const samplers = new Map<BenchServer, RssSampler>();
  let consistency: ConsistencyReport | undefined;
  let finished = false;
  const output: Record<string, unknown> = {
    startedAt: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      memoryBytes: os.totalmem(),
      node: process.version,
      platform: `${os.type()} ${os.release()}`,
    },
    options: {
      connections: CONNECTIONS,
      duration: DURATION,
      rounds: ROUNDS,
      warmup: WARMUP,
      pool: POOL,
      logLevel: LOG_LEVEL,
    },
    data: { database: dbName, sizes: data.sizes },
  };
  try {
    const { rows } = await db.query<{ version: string }>("SELECT version()");
    (output.machine as Record<string, unknown>).postgres = rows[0]?.version;
    const [load1] = os.loadavg();
    (output.machine as Record<string, unknown>).loadAverageAtStart = os.loadavg();
    if (load1! > os.cpus().length / 2) {
      console.log(
        `Warning: the load average is ${load1!.toFixed(1)} on ${os.cpus().length} CPUs before the bench starts: ` +
          "something else is running, and both servers share the machine with it.",
      );
    }
    console.log(
      `bench:http on "${dbName}" (${Object.entries(data.sizes)
        .map(([k, v]) => `${v.toLocaleString("en")} ${k}`)
        .join(", ")})`,
    );
    const ceiling = await startCeiling({ root: ROOT, databaseUrl, poolSize: POOL });
    servers.push(ceiling);
    const platform = await startPlatform({
      appDir: APP_DIR,
      databaseUrl,
      poolSize: POOL,
      logLevel: LOG_LEVEL,
    });
    servers.push(platform);
    console.log(`  ceiling  ${ceiling.url} (pid ${ceiling.child.pid})`);
    console.log(
      `  platform ${platform.url} (pid ${platform.child.pid}, ${platform.command} in ${APP_DIR}, log ${platform.logFile})`,
    );
    for (const s of servers) samplers.set(s, new RssSampler(s.child.pid));
    await new Promise((r) => setTimeout(r, 1000));
    const idle = Object.fromEntries(servers.map((s) => [s.name, samplers.get(s)!.sample()]));
    for (const s of samplers.values()) s.start();

    const problems = await compareResponses(data, ceiling, platform);
    if (problems.length > 0) {
      console.log(`\nThe ceiling and the platform answer differently:\n  ${problems.join("\n  ")}`);
      process.exitCode = 1;
    } else {
      console.log("  responses: the ceiling and the platform answer the four JSON paths byte for byte alike");
    }
    output.responsesMatch = problems.length === 0;

    const users = new UserPool(data.sessions.slice(0, -1));
    const results: ScenarioResult[] = [];
    if (selected.length > 0) {
      console.log(`\nScenarios (req/s per run: c = ceiling, p = platform):`);
      for (const scenario of selected) results.push(await runScenario(scenario, servers, users, samplers));
      printTable(results);
    }
    output.scenarios = results;
    if (SOAK_MINUTES > 0) output.soak = await soak(data, platform, users, samplers.get(platform)!);
    if (users.wrapped)
      console.log("\nNote: more connections × runs than sessions; some users completed lessons twice.");

    const memory = Object.fromEntries(
      servers.map((s) => {
        const sampler = samplers.get(s)!;
        return [
          s.name,
          {
            idle: idle[s.name]!,
            peak: sampler.max,
            end: sampler.sample(),
          },
        ];
      }),
    );
    output.memory = memory;
    (output.machine as Record<string, unknown>).loadAverageAtEnd = os.loadavg();
    finished = true;
    console.log(
      `\nResident memory (VmRSS): ${servers.map((s) => `${s.name} idle ${mb(memory[s.name]!.idle)}, peak ${mb(memory[s.name]!.peak)}`).join("; ")}`,
    );
  } finally {
    for (const s of samplers.values()) s.stop();
    for (const s of servers.reverse()) await s.stop();
    // Server logs are worth keeping only when something went wrong.
    if (!finished || process.exitCode) {
      for (const s of servers) console.log(`The ${s.name}'s log: ${s.logFile}`);
    } else {
      for (const s of servers) fs.rmSync(s.logFile, { force: true });
    }
    try {
      consistency = await checkPercentages(db);
      console.log(`\nProgress check: ${describeConsistency(consistency)}`);
      if (consistency.mismatched > 0) process.exitCode = 1;
      output.consistency = consistency;
    } finally {
      await db.end();
    }
    if (JSON_OUT) {
      fs.mkdirSync(path.dirname(path.resolve(JSON_OUT)), { recursive: true });
      fs.writeFileSync(
        JSON_OUT,
        JSON.stringify({ ...output, finishedAt: new Date().toISOString() }, null, 2) + "\n",
      );
      console.log(`Results written to ${JSON_OUT}`);
    }
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
