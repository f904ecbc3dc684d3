import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServerResponse } from 'node:http';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const fontPackage = path.dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/noto-sans-sc/package.json'));

/**
 * Browsers here have no CJK font of their own (Debian's chromium has none): the page
 * carries Noto Sans SC, the font the charts are drawn in, so 中文 reads the same in both.
 */
const FONTS: Record<string, string> = {
  'noto-sans-sc-400.ttf': path.join(fontPackage, '400Regular', 'NotoSansSC_400Regular.ttf'),
  'noto-sans-sc-700.ttf': path.join(fontPackage, '700Bold', 'NotoSansSC_700Bold.ttf'),
};

export interface PageAssets {
  /** The page itself, with the token the browser sends back on every call. */
  page(token: string): string;
  serve(name: string, response: ServerResponse): void;
}

/**
 * Bundles the page's TypeScript with esbuild once at start-up (about a tenth of a
 * second), so `npm run playground` needs no build step after `npm install`.
 */
export async function pageAssets(): Promise<PageAssets> {
  const bundle = await build({
    entryPoints: [path.join(here, 'page', 'browser', 'app.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: false,
    sourcemap: false,
    logLevel: 'silent',
  });
  const script = bundle.outputFiles[0]!.text;
  const styles = [readFileSync(path.join(here, 'page', 'slack.css'), 'utf8'), readFileSync(path.join(here, 'page', 'playground.css'), 'utf8')].join('\n');
  const fonts = new Map(Object.entries(FONTS).map(([name, file]) => [name, readFileSync(file)]));
  return {
    page: (token) => pageHtml(token),
    serve(name, response) {
      if (name === 'app.js') return void response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' }).end(script);
      if (name === 'app.css') return void response.writeHead(200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'no-store' }).end(styles);
      const font = fonts.get(name);
      if (font) return void response.writeHead(200, { 'content-type': 'font/ttf', 'cache-control': 'public, max-age=86400' }).end(font);
      response.writeHead(404).end();
    },
  };
}

function pageHtml(token: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>leadops playground</title>
<link rel="stylesheet" href="/assets/app.css">
<script>window.PLAYGROUND_TOKEN = ${JSON.stringify(token)};</script>
<script type="module" src="/assets/app.js"></script>
</head>
<body><div id="app" aria-busy="true"></div></body>
</html>`;
}
