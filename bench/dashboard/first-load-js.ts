// First-load JavaScript of a route as a browser downloads it: every script response of a fresh page load,
// gzip-compressed here (level 6, as servers and CDNs do) so the number does not depend on the server.
import { gzipSync } from 'node:zlib';
import type { BrowserContext } from 'playwright-core';

export interface RouteWeight {
  route: string;
  scripts: number;
  rawBytes: number;
  gzipBytes: number;
}

export async function firstLoadJs(context: BrowserContext, url: string, route: string): Promise<RouteWeight> {
  const page = await context.newPage();
  const bodies: Promise<Buffer>[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script' && response.ok()) bodies.push(response.body());
  });
  // not "networkidle": signed-in pages keep their live SSE stream open; let late chunks arrive instead
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(1500);
  const scripts = await Promise.all(bodies);
  await page.close();
  return {
    route,
    scripts: scripts.length,
    rawBytes: scripts.reduce((sum, body) => sum + body.length, 0),
    gzipBytes: scripts.reduce((sum, body) => sum + gzipSync(body, { level: 6 }).length, 0),
  };
}
