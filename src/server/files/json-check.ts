/**
 * A streaming JSON syntax validator (RFC 8259) for uploads too large to hold in memory (notebooks up to
 * 50 MB). Text goes in piece by piece, split anywhere (inside strings, escapes, numbers, literals); the
 * checker keeps a character-level state machine whose only growing memory is a stack of container kinds, one
 * byte per nesting level. It validates syntax only: it builds no values and does not look at what the
 * document means.
 *
 *   const checker = new JsonSyntaxChecker({ requireObject: true });
 *   for await (const piece of decodedText) checker.push(piece);
 *   checker.end();
 */

/** The text is not valid JSON; `offset` is where in the whole text (character index) that became certain. */
export class JsonSyntaxError extends Error {
  readonly offset: number;

  constructor(message: string, offset: number) {
    super(message);
    this.name = "JsonSyntaxError";
    this.offset = offset;
  }
}

export type JsonSyntaxCheckerOptions = {
  /** Most containers (arrays and objects) open at once; deeper nesting is an error. Default 512. */
  maxDepth?: number;
  /** The top-level value must be an object. Default false. */
  requireObject?: boolean;
};

// States of the machine. Structural states skip whitespace; string, number and literal states do not.
const S_VALUE = 0; // a value must come (start of text, after ':' or after ',' in an array)
const S_ARRAY_FIRST = 1; // after '[': a value or ']'
const S_OBJECT_FIRST = 2; // after '{': a key or '}'
const S_KEY = 3; // after ',' in an object: a key
const S_COLON = 4; // after a key: ':'
const S_AFTER = 5; // after a value inside a container: ',' or the closing bracket
const S_DONE = 6; // the top-level value is complete: only whitespace may follow
const S_STRING = 7;
const S_ESCAPE = 8; // after '\' in a string
const S_UNICODE = 9; // inside \uXXXX, `hexLeft` digits to go
const S_MINUS = 10; // after a leading '-'
const S_ZERO = 11; // integer part is "0"
const S_INT = 12; // integer part 1-9 followed by digits
const S_DOT = 13; // after '.'
const S_FRAC = 14; // fraction digits
const S_EXP = 15; // after 'e' / 'E'
const S_EXP_SIGN = 16; // after the exponent's sign
const S_EXP_DIGITS = 17; // exponent digits
const S_LITERAL = 18; // inside true / false / null, `literal` and `literalIndex` say where

const ARRAY = 0;
const OBJECT = 1;

const BOM = 0xfeff;
const DEFAULT_MAX_DEPTH = 512;

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isHexDigit(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
}

/** `'x'` for printable ASCII, `U+000A` otherwise. */
function describe(c: number): string {
  return c > 0x20 && c < 0x7f
    ? `'${String.fromCharCode(c)}'`
    : `U+${c.toString(16).toUpperCase().padStart(4, "0")}`;
}

export class JsonSyntaxChecker {
  private readonly maxDepth: number;
  private readonly requireObject: boolean;

  private state = S_VALUE;
  /** Characters consumed by earlier `push` calls. */
  private position = 0;
  /** Container kinds (ARRAY / OBJECT), `depth` of them in use; grows by doubling up to `maxDepth`. */
  private stack: Uint8Array;
  private depth = 0;
  /** The string being read is an object key (so ':' comes next), not a value. */
  private stringIsKey = false;
  private hexLeft = 0;
  private literal = "";
  private literalIndex = 0;
  private error: JsonSyntaxError | undefined;
  private ended = false;

  constructor(opts: JsonSyntaxCheckerOptions = {}) {
    const maxDepth = opts.maxDepth ?? DEFAULT_MAX_DEPTH;
    if (!Number.isInteger(maxDepth) || maxDepth < 0) {
      throw new RangeError(`maxDepth must be a non-negative integer, got ${maxDepth}`);
    }
    this.maxDepth = maxDepth;
    this.requireObject = opts.requireObject ?? false;
    this.stack = new Uint8Array(Math.max(1, Math.min(maxDepth, 64)));
  }

  /** Feed the next piece of decoded text. Throws JsonSyntaxError as soon as the text cannot be valid JSON. */
  push(text: string): void {
    if (this.error) throw this.error;
    if (this.ended) throw new Error("JsonSyntaxChecker: push() after end()");

    const n = text.length;
    const base = this.position;
    let state = this.state;
    let i = 0;

    if (base === 0 && n > 0 && text.charCodeAt(0) === BOM) i = 1;

    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      switch (state) {
        case S_STRING: {
          // Fast path: run over ordinary characters until a quote, a backslash or a control character.
          let j = i;
          let d = c;
          while (d !== 0x22 && d !== 0x5c && d >= 0x20) {
            if (++j === n) break;
            d = text.charCodeAt(j);
          }
          if (j === n) {
            i = n;
            break;
          }
          i = j;
          if (d === 0x22) {
            state = this.stringIsKey ? S_COLON : this.depth === 0 ? S_DONE : S_AFTER;
          } else if (d === 0x5c) {
            state = S_ESCAPE;
          } else {
            this.state = state;
            throw this.fail(
              `Unescaped control character ${describe(d)} in string at character ${base + j}`,
              base + j,
            );
          }
          break;
        }

        case S_ESCAPE:
          if (
            c === 0x22 || // "
            c === 0x5c || // \
            c === 0x2f || // /
            c === 0x62 || // b
            c === 0x66 || // f
            c === 0x6e || // n
            c === 0x72 || // r
            c === 0x74 // t
          ) {
            state = S_STRING;
          } else if (c === 0x75) {
            state = S_UNICODE;
            this.hexLeft = 4;
          } else {
            this.state = state;
            const shown =
              c > 0x20 && c < 0x7f ? `'\\${String.fromCharCode(c)}'` : `'\\' followed by ${describe(c)}`;
            throw this.fail(`Invalid escape ${shown} in string at character ${base + i}`, base + i);
          }
          break;

        case S_UNICODE:
          if (!isHexDigit(c)) {
            this.state = state;
            throw this.fail(`Invalid \\u escape: ${describe(c)} at character ${base + i}`, base + i);
          }
          if (--this.hexLeft === 0) state = S_STRING;
          break;

        case S_ARRAY_FIRST:
          if (c === 0x5d) {
            this.depth--;
            state = this.depth === 0 ? S_DONE : S_AFTER;
            break;
          }
        // falls through
        case S_VALUE:
          if (isWhitespace(c)) break;
          if (this.requireObject && this.depth === 0 && c !== 0x7b) {
            this.state = state;
            if (
              c === 0x5b ||
              c === 0x22 ||
              c === 0x2d ||
              isDigit(c) ||
              c === 0x74 ||
              c === 0x66 ||
              c === 0x6e
            ) {
              throw this.fail("Top-level value must be an object", base + i);
            }
            throw this.fail(`Unexpected ${describe(c)} at character ${base + i}`, base + i);
          }
          switch (c) {
            case 0x7b: // {
            case 0x5b: // [
              if (this.depth >= this.maxDepth) {
                this.state = state;
                throw this.fail(`Nesting deeper than ${this.maxDepth} levels`, base + i);
              }
              if (this.depth === this.stack.length) this.growStack();
              this.stack[this.depth++] = c === 0x7b ? OBJECT : ARRAY;
              state = c === 0x7b ? S_OBJECT_FIRST : S_ARRAY_FIRST;
              break;
            case 0x22: // "
              this.stringIsKey = false;
              state = S_STRING;
              break;
            case 0x2d: // -
              state = S_MINUS;
              break;
            case 0x30: // 0
              state = S_ZERO;
              break;
            case 0x74: // t
              this.literal = "true";
              this.literalIndex = 1;
              state = S_LITERAL;
              break;
            case 0x66: // f
              this.literal = "false";
              this.literalIndex = 1;
              state = S_LITERAL;
              break;
            case 0x6e: // n
              this.literal = "null";
              this.literalIndex = 1;
              state = S_LITERAL;
              break;
            default:
              if (c >= 0x31 && c <= 0x39) {
                state = S_INT;
                break;
              }
              this.state = state;
              throw this.fail(`Unexpected ${describe(c)} at character ${base + i}`, base + i);
          }
          break;

        case S_OBJECT_FIRST:
          if (c === 0x7d) {
            this.depth--;
            state = this.depth === 0 ? S_DONE : S_AFTER;
            break;
          }
        // falls through
        case S_KEY:
          if (isWhitespace(c)) break;
          if (c === 0x22) {
            this.stringIsKey = true;
            state = S_STRING;
            break;
          }
          this.state = state;
          throw this.fail(`Unexpected ${describe(c)} at character ${base + i}`, base + i);

        case S_COLON:
          if (isWhitespace(c)) break;
          if (c === 0x3a) {
            state = S_VALUE;
            break;
          }
          this.state = state;
          throw this.fail(`Unexpected ${describe(c)} at character ${base + i}`, base + i);

        case S_AFTER: {
          if (isWhitespace(c)) break;
          const kind = this.stack[this.depth - 1];
          if (c === 0x2c) {
            state = kind === OBJECT ? S_KEY : S_VALUE;
            break;
          }
          if ((c === 0x5d && kind === ARRAY) || (c === 0x7d && kind === OBJECT)) {
            this.depth--;
            state = this.depth === 0 ? S_DONE : S_AFTER;
            break;
          }
          this.state = state;
          throw this.fail(`Unexpected ${describe(c)} at character ${base + i}`, base + i);
        }

        case S_DONE:
          if (isWhitespace(c)) break;
          this.state = state;
          throw this.fail(
            `Unexpected ${describe(c)} after the JSON value at character ${base + i}`,
            base + i,
          );

        case S_LITERAL:
          if (c !== this.literal.charCodeAt(this.literalIndex)) {
            this.state = state;
            throw this.fail(`Unexpected ${describe(c)} at character ${base + i}`, base + i);
          }
          if (++this.literalIndex === this.literal.length) state = this.depth === 0 ? S_DONE : S_AFTER;
          break;

        case S_MINUS:
          if (c === 0x30) state = S_ZERO;
          else if (c >= 0x31 && c <= 0x39) state = S_INT;
          else {
            this.state = state;
            throw this.fail(`Expected a digit after '-' at character ${base + i}`, base + i);
          }
          break;

        case S_ZERO:
          if (c === 0x2e) state = S_DOT;
          else if (c === 0x65 || c === 0x45) state = S_EXP;
          else if (isDigit(c)) {
            this.state = state;
            throw this.fail(`Leading zero in number at character ${base + i}`, base + i);
          } else {
            // The number ended; look at this character again as whatever follows a value.
            state = this.depth === 0 ? S_DONE : S_AFTER;
            i--;
          }
          break;

        case S_INT:
          if (isDigit(c)) break;
          if (c === 0x2e) state = S_DOT;
          else if (c === 0x65 || c === 0x45) state = S_EXP;
          else {
            state = this.depth === 0 ? S_DONE : S_AFTER;
            i--;
          }
          break;

        case S_DOT:
          if (isDigit(c)) state = S_FRAC;
          else {
            this.state = state;
            throw this.fail(`Expected a digit after '.' at character ${base + i}`, base + i);
          }
          break;

        case S_FRAC:
          if (isDigit(c)) break;
          if (c === 0x65 || c === 0x45) state = S_EXP;
          else {
            state = this.depth === 0 ? S_DONE : S_AFTER;
            i--;
          }
          break;

        case S_EXP:
          if (isDigit(c)) state = S_EXP_DIGITS;
          else if (c === 0x2b || c === 0x2d) state = S_EXP_SIGN;
          else {
            this.state = state;
            throw this.fail(`Expected a digit in exponent at character ${base + i}`, base + i);
          }
          break;

        case S_EXP_SIGN:
          if (isDigit(c)) state = S_EXP_DIGITS;
          else {
            this.state = state;
            throw this.fail(`Expected a digit in exponent at character ${base + i}`, base + i);
          }
          break;

        case S_EXP_DIGITS:
          if (isDigit(c)) break;
          state = this.depth === 0 ? S_DONE : S_AFTER;
          i--;
          break;
      }
    }

    this.state = state;
    this.position = base + n;
  }

  /** The text has ended: throws JsonSyntaxError unless exactly one complete JSON value was seen. */
  end(): void {
    if (this.error) throw this.error;
    this.ended = true;
    const at = this.position;
    switch (this.state) {
      case S_DONE:
        return;
      case S_ZERO:
      case S_INT:
      case S_FRAC:
      case S_EXP_DIGITS:
        // A number is complete at the end of the text; at the top level that finishes the document.
        if (this.depth === 0) {
          this.state = S_DONE;
          return;
        }
        break;
      case S_STRING:
      case S_ESCAPE:
      case S_UNICODE:
        throw this.fail("Unterminated string", at);
      case S_VALUE:
        if (this.depth === 0) throw this.fail("Empty input", at);
        break;
    }
    throw this.fail("Unexpected end of input", at);
  }

  private fail(message: string, offset: number): JsonSyntaxError {
    this.error = new JsonSyntaxError(message, offset);
    return this.error;
  }

  private growStack(): void {
    const grown = new Uint8Array(Math.min(this.stack.length * 2, this.maxDepth));
    grown.set(this.stack);
    this.stack = grown;
  }
}
