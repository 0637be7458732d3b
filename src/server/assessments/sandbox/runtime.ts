import "server-only";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { gzip } from "node:zlib";
import { promisify } from "node:util";

/**
 * The files the exercise sandbox loads (docs/decisions.md, "Exercises"): Pyodide's runtime and standard library
 * from the `pyodide` npm package, acorn (to find a JavaScript syntax error's line), and the sandbox's own
 * workers and driver. They are served from the platform's own origin under one immutable, content-hashed path
 * (/sandbox/runtime/<version>/<file>), with CORS headers, because the workers that load them run in an opaque
 * origin.
 */
const ROOT = process.cwd();
const SANDBOX_DIR = path.join(ROOT, "src/server/assessments/sandbox");
const PYODIDE_DIR = path.join(ROOT, "node_modules/pyodide");

const JS = "text/javascript; charset=utf-8";
const FILES: Record<string, { file: string; contentType: string }> = {
  "pyodide.js": { file: path.join(PYODIDE_DIR, "pyodide.js"), contentType: JS },
  "pyodide.asm.mjs": { file: path.join(PYODIDE_DIR, "pyodide.asm.mjs"), contentType: JS },
  "pyodide.asm.wasm": { file: path.join(PYODIDE_DIR, "pyodide.asm.wasm"), contentType: "application/wasm" },
  "python_stdlib.zip": { file: path.join(PYODIDE_DIR, "python_stdlib.zip"), contentType: "application/zip" },
  "pyodide-lock.json": {
    file: path.join(PYODIDE_DIR, "pyodide-lock.json"),
    contentType: "application/json; charset=utf-8",
  },
  "acorn.js": { file: path.join(ROOT, "node_modules/acorn/dist/acorn.js"), contentType: JS },
  "python-worker.js": { file: path.join(SANDBOX_DIR, "python-worker.js"), contentType: JS },
  "javascript-worker.js": { file: path.join(SANDBOX_DIR, "javascript-worker.js"), contentType: JS },
  "driver.py": { file: path.join(SANDBOX_DIR, "driver.py"), contentType: "text/plain; charset=utf-8" },
};

export const RUNTIME_FILE_NAMES = Object.keys(FILES);

interface Loaded {
  version: string;
  bytes: Map<string, Buffer>;
  gzipped: Map<string, Promise<Buffer>>;
}

let loaded: Loaded | null = null;

/** The files, read once per process (about 14 MB), and their version: a hash of every byte. */
function runtime(): Loaded {
  if (loaded) return loaded;
  const hash = createHash("sha256");
  const bytes = new Map<string, Buffer>();
  for (const [name, f] of Object.entries(FILES)) {
    const data = readFileSync(f.file);
    bytes.set(name, data);
    hash.update(name).update("\0").update(data);
  }
  loaded = { version: hash.digest("hex").slice(0, 16), bytes, gzipped: new Map() };
  return loaded;
}

/** The runtime's path, e.g. /sandbox/runtime/3f2a…/ (changes whenever any file changes). */
export function runtimeBasePath(): string {
  return `/sandbox/runtime/${runtime().version}/`;
}

const gzipAsync = promisify(gzip);

export interface RuntimeFile {
  contentType: string;
  data: Buffer;
  encoding: "gzip" | null;
}

/** One runtime file for `version`, gzipped when the client accepts it (compressed once, then kept). */
export async function getRuntimeFile(
  version: string,
  name: string,
  acceptsGzip: boolean,
): Promise<RuntimeFile | null> {
  const r = runtime();
  const data = r.bytes.get(name);
  if (version !== r.version || !data) return null;
  const { contentType } = FILES[name]!;
  if (!acceptsGzip || data.byteLength < 1024) return { contentType, data, encoding: null };
  let zipped = r.gzipped.get(name);
  if (!zipped) {
    zipped = gzipAsync(data, { level: 6 });
    r.gzipped.set(name, zipped);
  }
  return { contentType, data: await zipped, encoding: "gzip" };
}
