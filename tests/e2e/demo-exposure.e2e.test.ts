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

// The servers below still bind to 127.0.0.1 (spawnNext passes -H): HOST only feeds the configuration check.
describe("demo mode on a host other machines can reach", () => {
  it("is refused without APP_MODE=demo, by the server and by npm start, naming HOST and APP_MODE", async () => {
    const port = await freePort();
    const { code, output } = await waitForExit(spawnNext({ HOST: "0.0.0.0" }, port));
    expect(code).not.toBe(0);
    expect(output).toContain("HOST=0.0.0.0");
    expect(output).toContain("APP_MODE=demo");
    const child = spawn("npm", ["start"], {
      cwd: ROOT,
      env: childEnv({ PATH: process.env.PATH!, HOME: process.env.HOME ?? "/root", HOST: "0.0.0.0" }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    const npmStart = await waitForExit(child);
    expect(npmStart.code).not.toBe(0);
    expect(npmStart.output).toContain("HOST=0.0.0.0");
    expect(npmStart.output).not.toContain("Building");
  });

  it("runs with APP_MODE=demo, warns loudly at start and says so on every page", async () => {
    const server = await startServer({ HOST: "0.0.0.0", APP_MODE: "demo" });
    running.push(server);
    expect(server.logs()).toContain("WARNING: DEMO MODE IS REACHABLE FROM OTHER MACHINES");
    const html = await (await fetch(`${server.url}/courses`)).text();
    expect(html).toContain("This demo is reachable from other machines");
  });

  it("stays quiet on loopback", async () => {
    const server = await startServer({});
    running.push(server);
    expect(server.logs()).not.toContain("REACHABLE FROM OTHER MACHINES");
    const html = await (await fetch(`${server.url}/courses`)).text();
    expect(html).toContain("Demo mode.");
    expect(html).not.toContain("reachable from other machines");
  });
});
