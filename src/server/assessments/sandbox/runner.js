/*
 * The sandbox page's script (served inline, by hash, in /sandbox/runner; docs/decisions.md, "Exercises"). The
 * page is framed by the platform with sandbox="allow-scripts" (and its CSP says `sandbox allow-scripts` too),
 * so it has an opaque origin: no cookies, no storage and no same-origin API of the platform. It runs each job
 * in a Web Worker created from a blob URL, stops it at the time limit (or on request) by terminating it, and
 * talks to the platform page by postMessage: it accepts messages only from its parent, and sends only to the
 * platform's origin.
 *
 * In:  {type: "preload", language}
 *      {type: "run", id, language, mode: "run"|"check", setup, code, checks: [{name, code}], timeLimitMs}
 *      {type: "stop", id}
 * Out: {type: "ready"} once, {type: "status", id, phase: "loading"|"running"},
 *      {type: "output", id, stream, text}, {type: "result", id, result, stopped: null|"time"|"user", truncated}
 */
"use strict";
(() => {
  const PLATFORM = new URL(location.href).origin;
  const RUNTIME = new URL(document.documentElement.dataset.runtime, location.href).href;
  const LANGUAGES = ["python", "javascript"];
  const LOAD_LIMIT_MS = 120000;
  const MAX_TIME_MS = 30000;

  let worker = null;
  let workerLanguage = null;
  let job = null;

  const send = (message) => parent.postMessage(message, PLATFORM);

  function kill() {
    if (worker) worker.terminate();
    worker = null;
    workerLanguage = null;
  }

  function finish(payload) {
    if (!job) return;
    clearTimeout(job.timer);
    const id = job.id;
    job = null;
    send({ type: "result", id, ...payload });
  }

  function spawn(language) {
    const source =
      "self.AIW_RUNTIME = " +
      JSON.stringify(RUNTIME) +
      ";\n" +
      "importScripts(" +
      JSON.stringify(RUNTIME + language + "-worker.js") +
      ");\n";
    const url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
    const w = new Worker(url);
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    w.onmessage = (event) => onWorkerMessage(w, event.data);
    w.onerror = (event) => {
      event.preventDefault();
      if (w !== worker) return;
      kill();
      finish({
        result: {
          error: { message: "The runtime stopped: " + (event.message || "unknown error"), line: null },
          checks: [],
        },
        stopped: null,
      });
    };
    worker = w;
    workerLanguage = language;
  }

  function onWorkerMessage(w, message) {
    if (w !== worker || !message || typeof message !== "object") return;
    if (message.type === "fatal") {
      kill();
      finish({
        result: { error: { message: String(message.message), line: null }, checks: [] },
        stopped: null,
      });
      return;
    }
    if (!job) return;
    if (message.type === "started") {
      // The time limit counts from here: the runtime is loaded and the code starts.
      clearTimeout(job.timer);
      job.timer = setTimeout(() => stop("time"), job.timeLimitMs);
      send({ type: "status", id: job.id, phase: "running" });
    } else if (message.type === "out") {
      send({
        type: "output",
        id: job.id,
        stream: message.stream === "stderr" ? "stderr" : "stdout",
        text: String(message.text),
      });
    } else if (message.type === "done") {
      // A JavaScript worker's globals are the run's own; a Python worker keeps its loaded runtime.
      if (workerLanguage === "javascript") kill();
      finish({ result: message.result, stopped: null, truncated: Boolean(message.truncated) });
    }
  }

  function stop(reason) {
    kill();
    finish({ result: null, stopped: reason });
  }

  window.addEventListener("message", (event) => {
    if (event.source !== parent || event.origin !== PLATFORM) return;
    const m = event.data;
    if (!m || typeof m !== "object" || typeof m.type !== "string") return;
    if (m.type === "preload") {
      if (LANGUAGES.includes(m.language) && m.language === "python" && !worker && !job) spawn("python");
      return;
    }
    if (m.type === "stop") {
      if (job && job.id === m.id) stop("user");
      return;
    }
    if (m.type !== "run" || !LANGUAGES.includes(m.language)) return;
    if (job) stop("user");
    const timeLimitMs = Math.min(Math.max(Number(m.timeLimitMs) || 5000, 100), MAX_TIME_MS);
    job = { id: String(m.id), timeLimitMs, timer: null };
    if (!worker || workerLanguage !== m.language) {
      kill();
      spawn(m.language);
    }
    // Until the worker says it started, the clock that runs is the loading one.
    job.timer = setTimeout(() => {
      kill();
      finish({
        result: {
          error: { message: "The runtime took too long to load. Reload the page to try again.", line: null },
          checks: [],
        },
        stopped: null,
      });
    }, LOAD_LIMIT_MS);
    send({ type: "status", id: job.id, phase: "loading" });
    const checks = Array.isArray(m.checks)
      ? m.checks.map((c) => ({ name: String(c && c.name), code: String(c && c.code) }))
      : [];
    worker.postMessage({
      type: "job",
      mode: m.mode === "check" ? "check" : "run",
      setup: String(m.setup || ""),
      code: String(m.code || ""),
      checks,
    });
  });

  send({ type: "ready" });
})();
