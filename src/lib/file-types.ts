/**
 * The file types an assignment may accept (docs/decisions.md, "Files"): a fixed allow-list. Never SVG or HTML
 * (they run scripts when opened). `contentType` is what the platform serves a stored file with, whatever the
 * uploader claimed; `kind` says how its bytes are checked.
 */
export const FILE_TYPES = {
  pdf: { label: "PDF", contentType: "application/pdf", kind: "binary" },
  png: { label: "PNG image", contentType: "image/png", kind: "binary" },
  jpg: { label: "JPEG image", contentType: "image/jpeg", kind: "binary" },
  zip: { label: "ZIP archive", contentType: "application/zip", kind: "binary" },
  ipynb: { label: "Jupyter notebook", contentType: "application/x-ipynb+json", kind: "json" },
  py: { label: "Python source", contentType: "text/x-python; charset=utf-8", kind: "text" },
  md: { label: "Markdown", contentType: "text/markdown; charset=utf-8", kind: "text" },
  txt: { label: "Plain text", contentType: "text/plain; charset=utf-8", kind: "text" },
  csv: { label: "CSV", contentType: "text/csv; charset=utf-8", kind: "text" },
} as const;

export type FileTypeKey = keyof typeof FILE_TYPES;
export const FILE_TYPE_KEYS = Object.keys(FILE_TYPES) as FileTypeKey[];
/** Other spellings of an allowed extension. */
const ALIASES: Record<string, FileTypeKey> = { jpeg: "jpg" };

export const isFileTypeKey = (v: string): v is FileTypeKey => Object.hasOwn(FILE_TYPES, v);

/** The allow-list key for a file name's extension, or null. */
export function fileTypeOfName(name: string): FileTypeKey | null {
  const dot = name.lastIndexOf(".");
  if (dot <= 0 || dot === name.length - 1) return null;
  const ext = name.slice(dot + 1).toLowerCase();
  return isFileTypeKey(ext) ? ext : (ALIASES[ext] ?? null);
}

/** For an `<input type="file" accept>`: the extensions of the given types. */
export const acceptAttribute = (types: readonly FileTypeKey[]) =>
  types.flatMap((t) => (t === "jpg" ? [".jpg", ".jpeg"] : [`.${t}`])).join(",");

/** "PDF, PNG image or Plain text (.pdf, .png, .txt)" */
export function describeFileTypes(types: readonly FileTypeKey[]): string {
  const labels = types.map((t) => FILE_TYPES[t].label);
  const list =
    labels.length > 1 ? `${labels.slice(0, -1).join(", ")} or ${labels.at(-1)}` : (labels[0] ?? "");
  return `${list} (${types.map((t) => `.${t}`).join(", ")})`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  const mb = bytes / (1024 * 1024);
  return `${mb.toFixed(mb < 10 && !Number.isInteger(mb) ? 1 : 0)} MB`;
}
