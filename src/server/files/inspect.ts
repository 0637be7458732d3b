import { fileTypeFromBuffer } from "file-type";
import { AppError } from "../errors";
import { describeFileTypes, FILE_TYPES, fileTypeOfName, type FileTypeKey } from "@/lib/file-types";
import { JsonSyntaxChecker, JsonSyntaxError } from "./json-check";

/** Longest display name kept (the extension survives the cut). */
export const MAX_NAME_LENGTH = 120;

/**
 * A file name as the uploader sent it, made safe to show and to put in a header: the last path segment only
 * (never used as a path: files are stored under generated ids), Unicode NFC, without control, format
 * (bidirectional overrides, zero-width) and reserved characters, whitespace collapsed, no leading dots, at most
 * MAX_NAME_LENGTH characters. Null when nothing is left.
 */
export function sanitizeFileName(raw: string): string | null {
  const base = raw.split(/[/\\]/).pop() ?? "";
  let name = base
    .normalize("NFC")
    .replace(/[\p{Cc}\p{Cf}\p{Co}\p{Cn}]/gu, "")
    .replace(/[<>:"|?*]/g, "_")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^[.\s]+/, "")
    .replace(/[.\s]+$/, "");
  if ([...name].length > MAX_NAME_LENGTH) {
    const dot = name.lastIndexOf(".");
    const ext = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : "";
    const stem = [...name.slice(0, name.length - ext.length)].slice(0, MAX_NAME_LENGTH - ext.length).join("");
    name = stem.trimEnd() + ext;
  }
  return name === "" ? null : name;
}

const refused = (message: string) => new AppError("UNSUPPORTED_MEDIA_TYPE", { userMessage: message });

/** The allow-list type a named upload claims, refused (415) unless the assignment accepts it. */
export function claimedType(name: string, accepted: readonly FileTypeKey[]): FileTypeKey {
  const type = fileTypeOfName(name);
  if (!type || !accepted.includes(type)) {
    throw refused(
      `“${name}” is not a type this assignment accepts. Accepted: ${describeFileTypes(accepted)}.`,
    );
  }
  return type;
}

/** The bytes a binary type's files start with, as file-type names them. */
const BINARY_EXT: Partial<Record<FileTypeKey, string[]>> = {
  pdf: ["pdf"],
  png: ["png"],
  jpg: ["jpg"],
  // Office documents, Java archives, e-books... are ZIP archives too: named .zip, they are accepted as one.
  zip: ["zip", "docx", "xlsx", "pptx", "odt", "ods", "odp", "epub", "jar", "apk", "xpi", "3mf", "kmz"],
};
/** file-type reads at most this much of a file's start. */
const HEAD_BYTES = 4100;

/**
 * Checks an upload's bytes against the type its name claims while they stream through (memory bounded by
 * HEAD_BYTES and the JSON checker's nesting): binary types must be recognised as that type from their bytes;
 * text types must be UTF-8 without NUL bytes; a notebook must also be a JSON object. Throws 415 with a message
 * a person understands, as early as the bytes allow.
 */
export class ContentInspector {
  private head: Buffer[] = [];
  private headBytes = 0;
  private readonly decoder: TextDecoder | null;
  private readonly json: JsonSyntaxChecker | null;
  private readonly label: string;

  constructor(
    private readonly type: FileTypeKey,
    private readonly name: string,
  ) {
    const kind = FILE_TYPES[type].kind;
    this.decoder = kind === "binary" ? null : new TextDecoder("utf-8", { fatal: true });
    this.json = kind === "json" ? new JsonSyntaxChecker({ requireObject: true }) : null;
    this.label = FILE_TYPES[type].label;
  }

  push(chunk: Buffer): void {
    if (this.headBytes < HEAD_BYTES) {
      const part = chunk.subarray(0, HEAD_BYTES - this.headBytes);
      this.head.push(Buffer.from(part));
      this.headBytes += part.length;
    }
    if (!this.decoder) return;
    if (chunk.includes(0)) {
      throw refused(
        `“${this.name}” contains NUL bytes: it is a binary file, not ${this.label.toLowerCase()}.`,
      );
    }
    this.text(chunk, true);
  }

  private text(chunk: Buffer | undefined, stream: boolean) {
    let decoded: string;
    try {
      decoded = this.decoder!.decode(chunk, { stream });
    } catch {
      throw refused(`“${this.name}” is not UTF-8 text. Save it as UTF-8 and upload it again.`);
    }
    if (!this.json) return;
    try {
      this.json.push(decoded);
      if (!stream) this.json.end();
    } catch (e) {
      if (e instanceof JsonSyntaxError) {
        throw refused(`“${this.name}” is not a valid notebook: ${e.message}.`);
      }
      throw e;
    }
  }

  /** The whole file has been seen. */
  async finish(): Promise<void> {
    if (this.decoder) {
      this.text(undefined, false);
      return;
    }
    const head = Buffer.concat(this.head);
    const detected = await fileTypeFromBuffer(head);
    const ok = detected && BINARY_EXT[this.type]?.includes(detected.ext);
    if (!ok) {
      throw refused(
        `“${this.name}” is not really a ${this.label}: its contents ${
          detected ? `look like a .${detected.ext} file` : "are not in that format"
        }.`,
      );
    }
  }
}
