/*
 * The JavaScript exercise worker, started by the sandbox page (runner.js) from a blob URL (opaque origin), one
 * worker per run so every run starts from clean globals. Each piece (setup, the student's code, each check) is
 * parsed with acorn first (a syntax error gets its line) and then run as a classic script from a blob URL, so
 * top-level `const`/`let`/functions of the student's code are visible to the checks, as in one program.
 * Same protocol as python-worker.js.
 */
/* global acorn */
"use strict";

const BASE = self.AIW_RUNTIME;
const MAX_OUTPUT = 64 * 1024;
const FLUSH_MS = 50;
const CODE = "exercise.js";

let sent = 0;
let pending = { stream: "stdout", text: "" };
let lastFlush = Date.now();

function flush() {
  if (pending.text) self.postMessage({ type: "out", stream: pending.stream, text: pending.text });
  pending = { stream: pending.stream, text: "" };
  lastFlush = Date.now();
}

function emit(stream, text) {
  if (sent >= MAX_OUTPUT) return;
  const piece = text.slice(0, MAX_OUTPUT - sent);
  sent += piece.length;
  if (pending.stream !== stream) flush();
  pending.stream = stream;
  pending.text += piece;
  if (Date.now() - lastFlush > FLUSH_MS || sent >= MAX_OUTPUT) flush();
}

function show(value) {
  if (typeof value === "string") return value;
  if (value instanceof Error) return String(value);
  if (typeof value === "function") return `[Function ${value.name || "anonymous"}]`;
  if (typeof value === "bigint") return `${value}n`;
  try {
    const json = JSON.stringify(value);
    return json === undefined ? String(value) : json;
  } catch {
    return String(value);
  }
}

const print =
  (stream) =>
  (...args) =>
    emit(stream, args.map(show).join(" ") + "\n");
self.console = {
  log: print("stdout"),
  info: print("stdout"),
  debug: print("stdout"),
  warn: print("stderr"),
  error: print("stderr"),
};

/** The line of `file` in an error's stack (the innermost frame in that piece of code). */
function lineIn(error, file) {
  const stack = error && typeof error.stack === "string" ? error.stack : "";
  const m = stack.match(new RegExp(file.replace(".", "\\.") + ":(\\d+):\\d+"));
  return m ? Number(m[1]) : null;
}

function messageOf(error) {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return `Uncaught ${show(error)}`;
}

/** Parses (SyntaxError with its line) and runs one piece of code as a classic script named `file`. */
function runPiece(source, file, captureLast) {
  let program;
  try {
    program = acorn.parse(source, { ecmaVersion: "latest", sourceType: "script", locations: true });
  } catch (e) {
    const line = e && e.loc ? e.loc.line : null;
    const text = String(e && e.message).replace(/\s*\(\d+:\d+\)$/, "");
    throw Object.assign(new Error(text), { syntax: true, line });
  }
  let text = source;
  const last = program.body[program.body.length - 1];
  if (captureLast && last && last.type === "ExpressionStatement" && !last.directive) {
    const expr = source.slice(last.expression.start, last.expression.end);
    text = source.slice(0, last.start) + "self.__aiwLast = (" + expr + ");" + source.slice(last.end);
  }
  const url = URL.createObjectURL(new Blob([text + "\n//# sourceURL=" + file], { type: "text/javascript" }));
  try {
    importScripts(url);
  } finally {
    URL.revokeObjectURL(url);
  }
}

function describe(e, where) {
  if (e && e.syntax)
    return { message: `SyntaxError: ${e.message}`, line: where === "code" ? e.line : null, where };
  return { message: messageOf(e), line: where === "code" ? lineIn(e, CODE) : null, where, trace: "" };
}

self.onmessage = (event) => {
  const job = event.data;
  if (!job || job.type !== "job") return;
  try {
    importScripts(BASE + "acorn.js");
  } catch (e) {
    self.postMessage({
      type: "fatal",
      message: "The JavaScript runtime could not load: " + String(e && e.message),
    });
    return;
  }
  self.postMessage({ type: "started" });
  const result = { error: null, value: null, checks: [] };
  if (String(job.setup).trim()) {
    try {
      runPiece(String(job.setup), "setup.js", false);
    } catch (e) {
      result.error = {
        ...describe(e, "setup"),
        message: "The exercise's setup code failed: " + describe(e, "setup").message,
      };
    }
  }
  if (!result.error) {
    try {
      self.__aiwLast = undefined;
      runPiece(String(job.code), CODE, true);
      if (self.__aiwLast !== undefined) result.value = show(self.__aiwLast).slice(0, 10000);
    } catch (e) {
      result.error = describe(e, "code");
    }
  }
  if (job.mode === "check") {
    for (const check of job.checks) {
      if (result.error) {
        result.checks.push({
          name: check.name,
          passed: false,
          message: "Not run: your code stopped with an error first (see above).",
        });
        continue;
      }
      try {
        runPiece(String(check.code), "check.js", false);
        result.checks.push({ name: check.name, passed: true, message: "" });
      } catch (e) {
        const message = e instanceof Error && e.name === "Error" ? e.message : describe(e, "check").message;
        result.checks.push({ name: check.name, passed: false, message: String(message).slice(0, 2000) });
      }
    }
  }
  flush();
  self.postMessage({ type: "done", result, truncated: sent >= MAX_OUTPUT });
};
