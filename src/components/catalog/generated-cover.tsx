/**
 * The cover of a course without a picture: drawn from its title, so every course has its own (the colours
 * and the pattern follow a hash of the title; the initials are its first two words'). Decorative: the title is
 * always written beside it.
 */
export function GeneratedCover({ title }: { title: string }) {
  let hash = 2166136261;
  for (const ch of title) hash = Math.imul(hash ^ ch.codePointAt(0)!, 16777619) >>> 0;
  const hue = hash % 360;
  const second = (hue + 40 + ((hash >>> 9) % 60)) % 360;
  const initials = title
    .split(/\s+/)
    .filter((w) => /^\p{L}/u.test(w))
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join("");
  const rings = Array.from({ length: 5 }, (_, i) => {
    const bits = (hash >>> (i * 5)) & 31;
    return { cx: 40 + ((bits * 37) % 320), cy: 20 + ((bits * 53) % 185), r: 18 + ((bits * 7) % 46) };
  });
  const id = `cover-${hash.toString(36)}`;
  return (
    <svg
      viewBox="0 0 400 225"
      preserveAspectRatio="xMidYMid slice"
      className="h-full w-full"
      aria-hidden="true"
      focusable="false"
      data-generated-cover=""
    >
      <defs>
        <linearGradient id={id} x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stopColor={`hsl(${hue} 62% 42%)`} />
          <stop offset="1" stopColor={`hsl(${second} 58% 30%)`} />
        </linearGradient>
      </defs>
      <rect width="400" height="225" fill={`url(#${id})`} />
      {rings.map((c, i) => (
        <circle
          key={i}
          cx={c.cx}
          cy={c.cy}
          r={c.r}
          fill="none"
          stroke="white"
          strokeOpacity="0.14"
          strokeWidth="6"
        />
      ))}
      <text
        x="200"
        y="112"
        textAnchor="middle"
        dominantBaseline="central"
        fill="white"
        fillOpacity="0.92"
        fontSize="84"
        fontWeight="700"
        fontFamily="system-ui, sans-serif"
      >
        {initials}
      </text>
    </svg>
  );
}
