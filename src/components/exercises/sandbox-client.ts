"use client";

/**
 * The platform page's side of the exercise sandbox (src/server/assessments/sandbox/runner.js): one hidden
 * iframe at /sandbox/runner with sandbox="allow-scripts" (never allow-same-origin), created when an exercise is
 * opened. Messages go to it with targetOrigin "*" (its origin is opaque: it holds nothing secret, only the
 * code to run); answers are accepted only from that frame's window with the origin "null", and are checked
 * for shape before use.
 */
export type ExerciseLanguage = "python" | "javascript";

export interface RunError {
  message: string;
  line: number | null;
  where?: string;
  trace?: string;
}

export interface CheckOutcome {
  name: string;
  passed: boolean;
  message: string;
}

export interface RunOutcome {
  output: string;
  stderr: boolean;
  value: string | null;
  error: RunError | null;
  checks: CheckOutcome[];
  stopped: null | "time" | "user";
  truncated: boolean;
}

export interface RunJob {
  language: ExerciseLanguage;
  mode: "run" | "check";
  setup: string;
  code: string;
  checks: { name: string; code: string }[];
  timeLimitSeconds: number;
}

export interface RunHandlers {
  onPhase?: (phase: "loading" | "running") => void;
  onOutput?: (text: string, stream: "stdout" | "stderr") => void;
}

export const SANDBOX_PATH = "/sandbox/runner";
export const MAX_OUTPUT_CHARS = 64 * 1024;

const str = (v: unknown, max = MAX_OUTPUT_CHARS) => (typeof v === "string" ? v.slice(0, max) : "");

function parseResult(data: Record<string, unknown>, output: string, stderr: boolean): RunOutcome {
  const result = (data.result && typeof data.result === "object" ? data.result : {}) as Record<
    string,
    unknown
  >;
  const e =
    result.error && typeof result.error === "object" ? (result.error as Record<string, unknown>) : null;
  const checks = Array.isArray(result.checks) ? result.checks : [];
  return {
    output,
    stderr,
    value: typeof result.value === "string" ? result.value.slice(0, 10_000) : null,
    error: e
      ? {
          message: str(e.message, 4000) || "Error",
          line: typeof e.line === "number" && Number.isInteger(e.line) ? e.line : null,
          where: str(e.where, 20),
          trace: str(e.trace, 4000),
        }
      : null,
    checks: checks.map((c: unknown) => {
      const o = (c && typeof c === "object" ? c : {}) as Record<string, unknown>;
      return { name: str(o.name, 200), passed: o.passed === true, message: str(o.message, 2000) };
    }),
    stopped: data.stopped === "time" || data.stopped === "user" ? data.stopped : null,
    truncated: data.truncated === true || output.length >= MAX_OUTPUT_CHARS,
  };
}

export class Sandbox {
  private frame: HTMLIFrameElement;
  private ready: Promise<void>;
  private current: {
    id: string;
    output: string;
    stderr: boolean;
    handlers: RunHandlers;
    resolve: (o: RunOutcome) => void;
  } | null = null;
  private seq = 0;
  private readonly onMessage: (e: MessageEvent) => void;

  constructor(container: HTMLElement = document.body) {
    const frame = document.createElement("iframe");
    frame.setAttribute("sandbox", "allow-scripts");
    frame.setAttribute("title", "Code runner (hidden)");
    frame.setAttribute("aria-hidden", "true");
    frame.tabIndex = -1;
    frame.style.display = "none";
    frame.src = SANDBOX_PATH;
    let markReady: () => void = () => {};
    this.ready = new Promise((r) => (markReady = r));
    this.onMessage = (e: MessageEvent) => {
      if (e.source !== frame.contentWindow || e.origin !== "null") return;
      const data = e.data as Record<string, unknown> | null;
      if (!data || typeof data !== "object") return;
      if (data.type === "ready") {
        markReady();
        return;
      }
      const cur = this.current;
      if (!cur || data.id !== cur.id) return;
      if (data.type === "status" && (data.phase === "loading" || data.phase === "running")) {
        cur.handlers.onPhase?.(data.phase);
      } else if (data.type === "output") {
        const room = MAX_OUTPUT_CHARS - cur.output.length;
        if (room <= 0) return;
        const text = str(data.text).slice(0, room);
        const stream = data.stream === "stderr" ? "stderr" : "stdout";
        cur.output += text;
        if (stream === "stderr") cur.stderr = true;
        cur.handlers.onOutput?.(text, stream);
      } else if (data.type === "result") {
        this.current = null;
        cur.resolve(parseResult(data, cur.output, cur.stderr));
      }
    };
    window.addEventListener("message", this.onMessage);
    container.appendChild(frame);
    this.frame = frame;
  }

  private post(message: Record<string, unknown>) {
    this.frame.contentWindow?.postMessage(message, "*");
  }

  /** Starts loading a runtime before the first run (Python takes a few seconds). */
  async preload(language: ExerciseLanguage) {
    await this.ready;
    this.post({ type: "preload", language });
  }

  /** Runs a job; a job already running is stopped first. */
  async run(job: RunJob, handlers: RunHandlers = {}): Promise<RunOutcome> {
    await this.ready;
    const old = this.current;
    if (old) {
      this.current = null;
      this.post({ type: "stop", id: old.id });
      old.resolve(parseResult({ stopped: "user" }, old.output, old.stderr));
    }
    const id = `run-${++this.seq}`;
    return new Promise<RunOutcome>((resolve) => {
      this.current = { id, output: "", stderr: false, handlers, resolve };
      this.post({
        type: "run",
        id,
        language: job.language,
        mode: job.mode,
        setup: job.setup,
        code: job.code,
        checks: job.checks,
        timeLimitMs: job.timeLimitSeconds * 1000,
      });
    });
  }

  /** Stops the running job (the sandbox terminates its worker). */
  stop() {
    const cur = this.current;
    if (!cur) return;
    this.post({ type: "stop", id: cur.id });
  }

  dispose() {
    window.removeEventListener("message", this.onMessage);
    const cur = this.current;
    this.current = null;
    cur?.resolve(parseResult({ stopped: "user" }, cur.output, cur.stderr));
    this.frame.remove();
  }
}
