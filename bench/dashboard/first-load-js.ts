// First-load JavaScript of a route as a browser downloads it: every script of a fresh page load up to the
// load event, gzip-compressed here (level 6, as servers and CDNs do) so the number does not depend on the
// server. Scripts fetched after it (lazy chunks such as charts) are reported apart.
import { gzipSync } from 'node:zlib';
import type { BrowserContext } from 'playwright-core';

export interface RouteWeight {
  route: string;
  scripts: number;
  rawBytes: number;
  gzipBytes: number;
  /** Scripts fetched after the load event (lazy imports), gzip bytes. */
  lazyGzipBytes: number;
}

export async function firstLoadJs(context: BrowserContext, url: string, route: string): Promise<RouteWeight> {
  const page = await context.newPage();
  const first: Promise<Buffer>[] = [];
  const lazy: Promise<Buffer>[] = [];
  let loaded = false;
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script' && response.ok())
      (loaded ? lazy : first).push(response.body());
  });
  // not "networkidle": signed-in pages keep their live SSE stream open; let late chunks arrive instead
  await page.goto(url, { waitUntil: 'load' });
  loaded = true;
  await page.waitForTimeout(1500);
  const [scripts, later] = [await Promise.all(first), await Promise.all(lazy)];
  await page.close();
  const gzip = (bodies: Buffer[]) =>
    bodies.reduce((sum, body) => sum + gzipSync(body, { level: 6 }).length, 0);
  return {
    route,
    scripts: scripts.length,
    rawBytes: scripts.reduce((sum, body) => sum + body.length, 0),
    gzipBytes: gzip(scripts),
    lazyGzipBytes: gzip(later),
  };
}
