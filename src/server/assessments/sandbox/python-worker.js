/*
 * The Python exercise worker, started by the sandbox page (runner.js) from a blob URL, so it has the page's
 * opaque origin. It loads Pyodide from the platform's runtime files (self.AIW_RUNTIME, CORS-enabled) and never
 * loads packages. Protocol: in {type: "job", setup, code, checks: [{name, code}], mode}; out {type: "started"}
 * when the runtime is ready and the code starts (the time limit counts from there), {type: "out", stream, text}
 * while it runs, {type: "done", result} at the end, {type: "fatal", message} if the runtime cannot load.
 */
/* global loadPyodide */
"use strict";

const BASE = self.AIW_RUNTIME;
const MAX_OUTPUT = 64 * 1024;
const FLUSH_MS = 50;

let sent = 0;
let pending = { stream: "stdout", text: "" };
let lastFlush = 0;

function flush() {
  if (pending.text) self.postMessage({ type: "out", stream: pending.stream, text: pending.text });
  pending = { stream: pending.stream, text: "" };
  lastFlush = Date.now();
}

/** Output goes out in batches (a tight loop never gives timers a turn), and nothing past 64 KB is sent. */
function emit(stream, text) {
  if (sent >= MAX_OUTPUT) return;
  const piece = text.slice(0, MAX_OUTPUT - sent);
  sent += piece.length;
  if (pending.stream !== stream) flush();
  pending.stream = stream;
  pending.text += piece;
  if (Date.now() - lastFlush > FLUSH_MS || sent >= MAX_OUTPUT) flush();
}

function writer(stream) {
  const decoder = new TextDecoder();
  return {
    write(bytes) {
      emit(stream, decoder.decode(bytes, { stream: true }));
      return bytes.length;
    },
  };
}

const ready = (async () => {
  importScripts(BASE + "pyodide.js");
  const pyodide = await loadPyodide({ indexURL: BASE, checkAPIVersion: true });
  pyodide.setStdout(writer("stdout"));
  pyodide.setStderr(writer("stderr"));
  pyodide.setStdin({ error: true });
  const driver = await (await fetch(BASE + "driver.py")).text();
  pyodide.runPython(driver);
  return { pyodide, run: pyodide.globals.get("_aiw_run") };
})();

ready.catch((e) => {
  self.postMessage({
    type: "fatal",
    message: "The Python runtime could not load: " + String(e && e.message),
  });
});

self.onmessage = async (event) => {
  const job = event.data;
  if (!job || job.type !== "job") return;
  let runtime;
  try {
    runtime = await ready;
  } catch {
    return;
  }
  sent = 0;
  pending = { stream: "stdout", text: "" };
  lastFlush = Date.now();
  self.postMessage({ type: "started" });
  const checks = runtime.pyodide.toPy(job.checks.map((c) => [c.name, c.code]));
  let result;
  try {
    result = JSON.parse(runtime.run(String(job.setup), String(job.code), checks, job.mode));
  } catch (e) {
    result = {
      error: { message: String(e && e.message), line: null, where: "runtime", trace: "" },
      checks: [],
    };
  } finally {
    checks.destroy();
  }
  flush();
  self.postMessage({ type: "done", result, truncated: sent >= MAX_OUTPUT });
};
