export type VideoSource =
  | { kind: "youtube"; embedUrl: string; watchUrl: string }
  | { kind: "vimeo"; embedUrl: string; watchUrl: string }
  | { kind: "file"; src: string }
  | { kind: "link"; url: string };

/**
 * How a lesson's video_url plays: privacy-enhanced embeds for YouTube (youtube-nocookie.com) and Vimeo
 * (dnt=1) — the only frame hosts the CSP allows — a <video> element for files, or just a link.
 */
export function videoSource(url: string): VideoSource {
  if (url.startsWith("/")) return { kind: "file", src: url };
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { kind: "link", url };
  }
  if (u.protocol !== "https:" && u.protocol !== "http:") return { kind: "link", url: "#" };
  const host = u.hostname.replace(/^www\./, "");
  let yt: string | null = null;
  if (host === "youtube.com" || host === "m.youtube.com")
    yt = u.searchParams.get("v") ?? /^\/embed\/([\w-]{11})/.exec(u.pathname)?.[1] ?? null;
  if (host === "youtu.be") yt = u.pathname.slice(1, 12);
  if (yt && /^[\w-]{11}$/.test(yt)) {
    return {
      kind: "youtube",
      embedUrl: `https://www.youtube-nocookie.com/embed/${yt}`,
      watchUrl: `https://www.youtube.com/watch?v=${yt}`,
    };
  }
  const vimeo =
    host === "vimeo.com" || host === "player.vimeo.com" ? /(\d{6,12})/.exec(u.pathname)?.[1] : undefined;
  if (vimeo)
    return {
      kind: "vimeo",
      embedUrl: `https://player.vimeo.com/video/${vimeo}?dnt=1`,
      watchUrl: `https://vimeo.com/${vimeo}`,
    };
  if (/\.(mp4|webm|ogg|mov)$/i.test(u.pathname)) return { kind: "file", src: url };
  return { kind: "link", url };
}
