import { describe, expect, it } from "vitest";
import { EnvError, loadEnv } from "./env";

const PROD_OK = {
  APP_MODE: "production",
  DATABASE_URL: "postgresql://app@127.0.0.1:5432/aiw",
  APP_URL: "https://learn.example.com",
  AUTH_SECRET: "x".repeat(40),
  CERTIFICATE_SIGNING_KEY: "AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=",
  EMAIL_SERVER: "smtp://mail.example.com:587",
  EMAIL_FROM: "AI Whisperers <noreply@example.com>",
};

function problemsOf(source: Record<string, string | undefined>): string[] {
  try {
    loadEnv(source);
  } catch (e) {
    if (e instanceof EnvError) return e.problems;
    throw e;
  }
  return [];
}

describe("modes", () => {
  it("defaults to demo mode on the embedded database, on loopback, port 3000, with APP_URL from the port", () => {
    const env = loadEnv({});
    expect(env).toMatchObject({
      mode: "demo",
      isDemo: true,
      host: "127.0.0.1",
      port: 3000,
      appUrl: "http://localhost:3000",
      databaseUrl: undefined,
      currency: "USD",
      isHttps: false,
    });
  });

  it("listens where HOST says in demo mode", () => {
    expect(loadEnv({ HOST: "localhost", PORT: "4000" })).toMatchObject({ host: "localhost", port: 4000 });
    expect(loadEnv({ HOST: "0.0.0.0", APP_MODE: "demo" })).toMatchObject({ host: "0.0.0.0" });
  });

  it("defaults to production mode when DATABASE_URL is set", () => {
    expect(problemsOf({ DATABASE_URL: PROD_OK.DATABASE_URL })).toEqual([
      expect.stringContaining("APP_URL is required"),
      expect.stringContaining("AUTH_SECRET is required"),
      expect.stringContaining("CERTIFICATE_SIGNING_KEY is required"),
      expect.stringContaining("A way to sign in is required"),
    ]);
  });

  it("refuses production without DATABASE_URL, APP_URL, AUTH_SECRET, CERTIFICATE_SIGNING_KEY or a way to sign in, naming each", () => {
    const problems = problemsOf({ APP_MODE: "production" });
    expect(problems).toHaveLength(5);
    expect(problems.join("\n")).toMatch(/CERTIFICATE_SIGNING_KEY is required.*openssl rand -base64 32/);
    expect(problems[0]).toMatch(/DATABASE_URL is required.*embedded database is for demo mode only/);
    expect(problems.join("\n")).toMatch(/APP_URL/);
    expect(problems.join("\n")).toMatch(/AUTH_SECRET/);
    expect(problems.join("\n")).toMatch(/EMAIL_SERVER/);
  });

  it("accepts a complete production configuration and listens on all interfaces", () => {
    const env = loadEnv(PROD_OK);
    expect(env).toMatchObject({ mode: "production", isDemo: false, host: "0.0.0.0", isHttps: true });
    expect(env.email).toEqual({ server: PROD_OK.EMAIL_SERVER, from: PROD_OK.EMAIL_FROM });
  });

  it("takes a read replica beside the primary, checked like DATABASE_URL", () => {
    const env = loadEnv({ ...PROD_OK, DATABASE_REPLICA_URL: "postgresql://app@127.0.0.1:5433/aiw" });
    expect(env.databaseReplicaUrl).toBe("postgresql://app@127.0.0.1:5433/aiw");
    expect(env.databaseReplicaMaxLagMs).toBe(30_000);
    expect(problemsOf({ ...PROD_OK, DATABASE_REPLICA_URL: "mysql://replica/aiw" })).toEqual([
      "DATABASE_REPLICA_URL must start with postgresql:// (or postgres://).",
    ]);
    expect(
      problemsOf({ ...PROD_OK, DATABASE_REPLICA_URL: "postgresql://app@replica.internal:5432/aiw" }),
    ).toEqual([expect.stringContaining("DATABASE_REPLICA_URL points at replica.internal")]);
  });

  it("accepts OAuth as the way to sign in", () => {
    const withoutSmtp = { ...PROD_OK, EMAIL_SERVER: undefined, EMAIL_FROM: undefined };
    expect(problemsOf({ ...withoutSmtp, AUTH_GITHUB_ID: "id", AUTH_GITHUB_SECRET: "secret" })).toEqual([]);
  });

  it("rejects a short AUTH_SECRET, a half SMTP configuration and an APP_URL with a path", () => {
    expect(problemsOf({ ...PROD_OK, AUTH_SECRET: "short" })).toEqual([
      expect.stringContaining("at least 32"),
    ]);
    expect(problemsOf({ ...PROD_OK, EMAIL_FROM: "" })).toEqual(
      expect.arrayContaining([expect.stringContaining("EMAIL_SERVER and EMAIL_FROM go together")]),
    );
    expect(problemsOf({ ...PROD_OK, APP_URL: "https://learn.example.com/app" })).toEqual([
      expect.stringContaining("origin only"),
    ]);
    expect(problemsOf({ APP_URL: "ftp://x" })).toEqual([expect.stringContaining("http(s) origin")]);
  });

  it("rejects an unknown currency and an invalid port", () => {
    expect(problemsOf({ CURRENCY: "XYZW" })[0]).toMatch(/CURRENCY/);
    expect(problemsOf({ PORT: "70000" })[0]).toMatch(/PORT/);
    expect(loadEnv({ CURRENCY: "eur" }).currency).toBe("EUR");
  });

  it("accepts currencies with 0 or 3 decimals and refuses one whose minor unit it cannot hold", () => {
    expect(loadEnv({ CURRENCY: "JPY" }).currency).toBe("JPY");
    expect(loadEnv({ CURRENCY: "KWD" }).currency).toBe("KWD");
    expect(problemsOf({ CURRENCY: "CLF" })).toEqual([
      expect.stringMatching(/CURRENCY.*more than 3 decimals/),
    ]);
  });
});

describe("demo mode reachable from other machines", () => {
  it("is refused on a non-loopback HOST unless APP_MODE=demo says so, naming HOST and APP_MODE", () => {
    for (const HOST of ["0.0.0.0", "::", "192.168.1.20", "learn.example.com"]) {
      const problems = problemsOf({ HOST });
      expect(problems, HOST).toHaveLength(1);
      expect(problems[0]).toContain(`HOST=${HOST}`);
      expect(problems[0]).toMatch(/APP_MODE=demo/);
      expect(problems[0]).toMatch(/sign-in link/);
    }
  });

  it("is allowed with APP_MODE=demo, and the configuration says it is exposed", () => {
    const env = loadEnv({ HOST: "0.0.0.0", APP_MODE: "demo" });
    expect(env).toMatchObject({ mode: "demo", isDemo: true, host: "0.0.0.0", isDemoExposed: true });
    expect(
      loadEnv({ HOST: "10.0.0.5", APP_MODE: "demo", DATABASE_URL: "postgresql://app@127.0.0.1/aiw" }),
    ).toMatchObject({ isDemo: true, isDemoExposed: true });
  });

  it("leaves loopback hosts and production alone", () => {
    for (const HOST of [undefined, "127.0.0.1", "127.0.1.1", "localhost", "::1"])
      expect(loadEnv({ HOST }), String(HOST)).toMatchObject({ isDemo: true, isDemoExposed: false });
    expect(loadEnv({ ...PROD_OK, HOST: "0.0.0.0" })).toMatchObject({ isDemo: false, isDemoExposed: false });
    expect(loadEnv(PROD_OK)).toMatchObject({ host: "0.0.0.0", isDemoExposed: false });
  });

  it("does not concern command-line tools, which listen nowhere", () => {
    expect(loadEnv({ HOST: "0.0.0.0" }, { serving: false })).toMatchObject({ isDemo: true });
  });
});

describe("command-line tools", () => {
  it("need only DATABASE_URL in production mode, and still refuse the embedded database", () => {
    const env = loadEnv({ DATABASE_URL: PROD_OK.DATABASE_URL }, { serving: false });
    expect(env).toMatchObject({ mode: "production", databaseUrl: PROD_OK.DATABASE_URL });
    expect(() => loadEnv({ APP_MODE: "production" }, { serving: false })).toThrow(/DATABASE_URL is required/);
  });
});

describe("database TLS", () => {
  it("allows a loopback server without TLS", () => {
    for (const host of ["127.0.0.1", "localhost", "[::1]"]) {
      expect(problemsOf({ ...PROD_OK, DATABASE_URL: `postgresql://u@${host}:5432/db` })).toEqual([]);
    }
  });

  it("requires TLS to a server elsewhere unless explicitly allowed", () => {
    const remote = "postgresql://u:p@db.internal.example.com:5432/aiw";
    expect(problemsOf({ ...PROD_OK, DATABASE_URL: remote })).toEqual([
      expect.stringContaining("without TLS"),
    ]);
    expect(problemsOf({ ...PROD_OK, DATABASE_URL: `${remote}?sslmode=verify-full` })).toEqual([]);
    expect(problemsOf({ ...PROD_OK, DATABASE_URL: remote, DATABASE_ALLOW_INSECURE: "true" })).toEqual([]);
  });

  it("rejects a URL that is not PostgreSQL", () => {
    expect(problemsOf({ ...PROD_OK, DATABASE_URL: "mysql://u@127.0.0.1/db" })).toEqual([
      expect.stringContaining("postgresql://"),
    ]);
  });
});

describe("image hosts", () => {
  it("allows no remote image host unless IMAGE_HOSTS names some", () => {
    expect(loadEnv({}).imageHosts).toEqual([]);
    expect(loadEnv({ IMAGE_HOSTS: " " }).imageHosts).toEqual([]);
  });

  it("reads a comma-separated list of host names, lower-cased and without duplicates", () => {
    expect(
      loadEnv({ IMAGE_HOSTS: "images.example.com, CDN.Example.org ,images.example.com," }).imageHosts,
    ).toEqual(["images.example.com", "cdn.example.org"]);
  });

  it.each([
    "https://images.example.com",
    "images.example.com/path",
    "*.example.com",
    "*",
    "images.example.com:8443",
    "user@images.example.com",
    "localhost",
    "127.0.0.1",
    "images.example.com; script-src *",
    "images example.com",
    "-bad.example.com",
  ])("refuses %s, which is not a plain public host name", (value) => {
    expect(problemsOf({ IMAGE_HOSTS: value })).toEqual([expect.stringContaining("IMAGE_HOSTS")]);
  });
});
