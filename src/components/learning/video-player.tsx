"use client";

import { useState } from "react";
import type { VideoSource } from "@/lib/video";

/** Plays a lesson's video; says so plainly, with a way out, when it cannot load (offline, blocked, gone). */
export function VideoPlayer({ source, title }: { source: VideoSource; title: string }) {
  const [failed, setFailed] = useState(false);
  if (source.kind === "link") {
    return (
      <p className="rounded-xl bg-slate-100 p-4 text-sm">
        This lesson&apos;s video is hosted elsewhere:{" "}
        <a
          href={source.url}
          className="font-medium text-brand-700 underline"
          rel="noopener noreferrer"
          target="_blank"
        >
          open the video
        </a>
        .
      </p>
    );
  }
  if (source.kind === "file") {
    return failed ? (
      <p role="alert" className="rounded-xl bg-amber-50 p-4 text-sm text-amber-900">
        The video could not be played in this browser. The notes below cover what it says.
      </p>
    ) : (
      <video
        controls
        preload="metadata"
        className="aspect-video w-full rounded-xl bg-black"
        onError={() => setFailed(true)}
      >
        <source src={source.src} onError={() => setFailed(true)} />
        Your browser cannot play this video. The notes below cover what it says.
      </video>
    );
  }
  return (
    <figure>
      <div className="aspect-video w-full overflow-hidden rounded-xl bg-slate-900">
        <iframe
          src={source.embedUrl}
          title={`Video: ${title}`}
          className="h-full w-full"
          loading="lazy"
          referrerPolicy="strict-origin-when-cross-origin"
          allow="encrypted-media; picture-in-picture; fullscreen"
          sandbox="allow-scripts allow-same-origin allow-presentation allow-popups"
        />
      </div>
      <figcaption className="mt-2 text-sm text-slate-600">
        Video not loading? It is hosted by {source.kind === "youtube" ? "YouTube" : "Vimeo"} and needs a
        connection to it:{" "}
        <a
          href={source.watchUrl}
          className="font-medium text-brand-700 underline"
          rel="noopener noreferrer"
          target="_blank"
        >
          watch it there
        </a>
        , or read the notes below.
      </figcaption>
    </figure>
  );
}
