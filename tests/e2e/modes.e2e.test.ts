import { spawn } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "../../scripts/build-state";
import {
  childEnv,
  freePort,
  spawnNext,
  startServer,
  waitForExit,
  type RunningServer,
} from "./helpers/server";

const running: RunningServer[] = [];
afterAll(async () => {
  for (const s of running) await s.stop();
});

const PRODUCTION = {
  APP_MODE: "production",
  APP_URL: "https://learn.example.test",
  AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e-secret",
  CERTIFICATE_SIGNING_KEY: "AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=",
  EMAIL_SERVER: "smtp://127.0.0.1:2525",
  EMAIL_FROM: "AI Whisperers <noreply@example.test>",
  // Nothing listens on port 1: the database is down, which /api/health must say.
  DATABASE_URL: "postgresql://postgres@127.0.0.1:1/aiw",
};

describe("production mode", () => {
  it("refuses to start without its settings, naming each one", async () => {
    const port = await freePort();
    const { code, output } = await waitForExit(spawnNext({ APP_MODE: "production" }, port));
    expect(code).not.toBe(0);
    for (const name of ["DATABASE_URL", "APP_URL", "AUTH_SECRET", "CERTIFICATE_SIGNING_KEY", "EMAIL_SERVER"])
      expect(output).toContain(name);
    expect(output).toContain("embedded database is for demo mode only");
  });

  it("refuses through npm start too, before building anything", async () => {
    const child = spawn("npm", ["start"], {
      cwd: ROOT,
      env: childEnv({ PATH: process.env.PATH!, HOME: process.env.HOME ?? "/root", APP_MODE: "production" }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    const { code, output } = await waitForExit(child);
    expect(code).not.toBe(0);
    expect(output).toContain("AI Whisperers cannot start");
    expect(output).not.toContain("Building");
  });

  it("has no demo conveniences, sends HSTS, and reports a database that is down as 503", async () => {
    const server = await startServer(PRODUCTION, { expectHealthy: false });
    running.push(server);
    const health = await fetch(server.url + "/api/health");
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({
      status: "unavailable",
      database: "down",
      reason: expect.any(String),
    });
    const dev = await fetch(server.url + "/dev");
    expect(dev.status).toBe(404);
    expect(dev.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
    const platform = await (await fetch(server.url + "/api/v1/platform")).json();
    expect(platform).toMatchObject({ mode: "production", url: "https://learn.example.test" });
  });
});

describe("demo mode", () => {
  it("refuses a second server on the same embedded database instead of corrupting it", async () => {
    const first = await startServer();
    running.push(first);
    const port = await freePort();
    const { code, output } = await waitForExit(
      spawnNext({ DATA_DIR: first.dataDir, PORT: String(port) }, port),
    );
    expect(code).not.toBe(0);
    expect(output).toMatch(/in use by another process \(pid \d+\)/);
    const migrate = spawn("npm", ["run", "-s", "db:migrate"], {
      cwd: ROOT,
      env: childEnv({ PATH: process.env.PATH!, HOME: process.env.HOME ?? "/root", DATA_DIR: first.dataDir }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    const cli = await waitForExit(migrate);
    expect(cli.code).not.toBe(0);
    expect(cli.output).toMatch(/in use by another process/);
    expect((await fetch(first.url + "/api/health")).status).toBe(200);
    // Two first boots of the embedded database: slow on a machine running both CI passes at once.
  }, 180_000);

  it("keeps a generated AUTH_SECRET under the data directory across restarts", async () => {
    const fs = await import("node:fs");
    const first = await startServer();
    const secret = fs.readFileSync(`${first.dataDir}/auth-secret`, "utf8");
    expect(secret.trim().length).toBeGreaterThanOrEqual(32);
    expect(fs.statSync(`${first.dataDir}/auth-secret`).mode & 0o777).toBe(0o600);
    await first.process.kill("SIGTERM");
    await new Promise((r) => first.process.once("exit", r));
    const second = await startServer({ DATA_DIR: first.dataDir });
    running.push(second);
    expect(fs.readFileSync(`${first.dataDir}/auth-secret`, "utf8")).toBe(secret);
    await second.stop();
    fs.rmSync(first.dataDir, { recursive: true, force: true });
  }, 180_000);
});
