/**
 * Rate limits count in fixed windows on the clock (src/server/platform/rate-limit.ts). A test that fills a
 * window and then expects the next hit refused must do all of it inside one window: this waits, when fewer
 * than `needSeconds` are left of the current window, for the next one to begin.
 */
export async function startEarlyInWindow(windowSeconds: number, needSeconds = 20): Promise<void> {
  const into = (Date.now() / 1000) % windowSeconds;
  if (into > windowSeconds - needSeconds) {
    await new Promise((r) => setTimeout(r, (windowSeconds - into + 0.5) * 1000));
  }
}
