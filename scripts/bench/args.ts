/** Command-line options for the bench scripts: `--name value` and bare `--flag`, unknown names refused. */
export class Args {
  private readonly values = new Map<string, string | true>();

  constructor(
    argv: string[],
    known: { values: string[]; flags: string[] },
    private readonly usage: string,
  ) {
    for (let i = 0; i < argv.length; i++) {
      const arg = argv[i]!;
      const m = /^--([a-z][a-z0-9-]*)(?:=(.*))?$/.exec(arg);
      if (!m) this.fail(`unexpected argument "${arg}"`);
      const name = m[1]!;
      if (known.flags.includes(name)) {
        if (m[2] !== undefined) this.fail(`--${name} takes no value`);
        this.values.set(name, true);
      } else if (known.values.includes(name)) {
        const value = m[2] ?? argv[++i];
        if (value === undefined || value.startsWith("--")) this.fail(`--${name} needs a value`);
        this.values.set(name, value);
      } else {
        this.fail(`unknown option --${name}`);
      }
    }
  }

  /** A wrong command line: the message and the usage. */
  fail(message: string): never {
    console.error(`\n${message}\n\n${this.usage}\n`);
    process.exit(2);
  }

  /** A right command line that cannot be carried out here (the database, the build). */
  refuse(message: string): never {
    console.error(`\n${message}\n`);
    process.exit(1);
  }

  flag(name: string): boolean {
    return this.values.get(name) === true;
  }

  string(name: string): string | undefined {
    const v = this.values.get(name);
    return typeof v === "string" ? v : undefined;
  }

  /** A whole number of at least `min`, written with or without separators (1_000_000, 1,000,000). */
  int(name: string, fallback: number, min = 1): number {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    const value = Number(raw.replace(/[_,]/g, ""));
    if (!Number.isSafeInteger(value) || value < min) this.fail(`--${name} must be a whole number ≥ ${min}`);
    return value;
  }
}

/** Milliseconds as "1.23 s" / "456 ms". */
export const formatMs = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);

/** Runs `fn`, printing how long it took under `label`. */
export async function timed<T>(label: string, fn: () => Promise<T>, detail?: (r: T) => string): Promise<T> {
  const started = performance.now();
  const result = await fn();
  const extra = detail ? `  ${detail(result)}` : "";
  console.log(`  ${label.padEnd(40)} ${formatMs(performance.now() - started).padStart(10)}${extra}`);
  return result;
}
