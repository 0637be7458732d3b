/**
 * Makes public/media/welcome-to-ai-whisperers.webm, the demo's one local video (nothing outside loopback is
 * reachable, so the demo ships its own). Recorded in headless Chromium from an animated canvas with
 * MediaRecorder (VP8 WebM). Run once by hand: `npx tsx scripts/make-demo-video.ts`.
 */
import fs from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";

const SECONDS = 12;

async function main() {
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu"],
  });
  const page = await browser.newPage();
  await page.setContent("<canvas id=c width=640 height=360></canvas>");
  const base64: string = await page.evaluate(`(async (seconds) => {
    const canvas = document.getElementById("c");
    const ctx = canvas.getContext("2d");
    const nodes = Array.from({ length: 18 }, (_, i) => ({ x: 60 + (i % 6) * 104, y: 70 + Math.floor(i / 6) * 90, p: i * 0.7 }));
    const captions = [
      "Welcome to AI Whisperers",
      "Learn how modern AI works",
      "Lesson by lesson, at your own pace",
      "Earn a certificate anyone can verify",
    ];
    const draw = (t) => {
      const g = ctx.createLinearGradient(0, 0, 640, 360);
      g.addColorStop(0, "#312e81");
      g.addColorStop(1, "#6d28d9");
      ctx.fillStyle = g;
      ctx.fillRect(0, 0, 640, 360);
      ctx.strokeStyle = "rgba(255,255,255,0.18)";
      for (const a of nodes) for (const b of nodes) if (b.x - a.x === 104 && Math.abs(b.y - a.y) <= 90) {
        ctx.beginPath();
        ctx.moveTo(a.x, a.y);
        ctx.lineTo(b.x, b.y);
        ctx.stroke();
      }
      for (const n of nodes) {
        const pulse = 0.5 + 0.5 * Math.sin(t * 2 + n.p);
        ctx.fillStyle = \`rgba(255,255,255,\${0.35 + 0.65 * pulse})\`;
        ctx.beginPath();
        ctx.arc(n.x, n.y, 5 + 4 * pulse, 0, Math.PI * 2);
        ctx.fill();
      }
      const caption = captions[Math.min(captions.length - 1, Math.floor((t / seconds) * captions.length))]; 
      ctx.fillStyle = "rgba(15,23,42,0.55)";
      ctx.fillRect(0, 292, 640, 68);
      ctx.fillStyle = "#fff";
      ctx.font = "bold 28px sans-serif";
      ctx.textAlign = "center";
      ctx.fillText(caption, 320, 336);
    };
    const stream = canvas.captureStream(24);
    const recorder = new MediaRecorder(stream, { mimeType: "video/webm;codecs=vp8", videoBitsPerSecond: 250_000 });
    const chunks = [];
    recorder.ondataavailable = (e) => chunks.push(e.data);
    const done = new Promise((r) => (recorder.onstop = r));
    recorder.start();
    const start = performance.now();
    await new Promise((resolve) => {
      const tick = () => {
        const t = (performance.now() - start) / 1000;
        draw(t);
        if (t < seconds) requestAnimationFrame(tick);
        else resolve();
      };
      tick();
    });
    recorder.stop();
    await done;
    const buf = new Uint8Array(await new Blob(chunks, { type: "video/webm" }).arrayBuffer());
    let s = "";
    for (const b of buf) s += String.fromCharCode(b);
    return btoa(s);
})(${SECONDS})`);
  await browser.close();
  const out = path.resolve(__dirname, "../public/media/welcome-to-ai-whisperers.webm");
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, Buffer.from(base64, "base64"));
  console.log(`wrote ${out} (${fs.statSync(out).size} bytes)`);
}

main();
