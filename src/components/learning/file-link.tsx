import { formatBytes } from "@/lib/file-types";

export interface FileItem {
  id: string;
  name: string;
  size: number;
  contentType: string;
}

/** A stored file as a download link with its size (the server sends it as an attachment, never rendered). */
export function FileLink({ file }: { file: FileItem }) {
  return (
    <span className="inline-flex min-w-0 items-center gap-2">
      <svg
        aria-hidden="true"
        viewBox="0 0 20 20"
        className="h-4 w-4 shrink-0 text-slate-500"
        fill="currentColor"
      >
        <path d="M4 2.5A1.5 1.5 0 0 1 5.5 1h6.09a1.5 1.5 0 0 1 1.06.44l3.41 3.41c.28.28.44.66.44 1.06V17.5a1.5 1.5 0 0 1-1.5 1.5h-9.5A1.5 1.5 0 0 1 4 17.5v-15Zm7.5 0V5a1 1 0 0 0 1 1h2.5l-3.5-3.5Z" />
      </svg>
      <a
        href={`/api/v1/files/${encodeURIComponent(file.id)}`}
        download={file.name}
        className="min-w-0 truncate text-brand-700 underline"
        title={file.name}
      >
        {file.name}
      </a>
      <span className="shrink-0 text-xs text-slate-500">{formatBytes(file.size)}</span>
    </span>
  );
}
