import { createRequire } from 'node:module';
import path from 'node:path';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/**
 * The one chart renderer: Vega-Lite spec → Vega → SVG → PNG at 2× for Slack's retina
 * screens. Text is set in Noto Sans SC, shipped on npm, so 中文 labels render as Chinese
 * (not boxes) on a machine with no CJK fonts. Vega lays out labels with the text widths
 * it is told; without a canvas it guesses 0.8 em a character, which clips Chinese (1 em
 * each), so widths are measured with the same font through @napi-rs/canvas.
 */
export const CHART_FONT = 'Noto Sans SC';

const fontPackage = path.dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/noto-sans-sc/package.json'));
const FONT_FILES = [
  path.join(fontPackage, '400Regular', 'NotoSansSC_400Regular.ttf'),
  path.join(fontPackage, '700Bold', 'NotoSansSC_700Bold.ttf'),
];

/** Part of vega's scenegraph API that its typings leave out. */
const scenegraph = vega as unknown as {
  textMetrics: { width: (item: object, text: string) => number };
  font(item: object): string;
};

let measuring: ReturnType<ReturnType<typeof createCanvas>['getContext']> | undefined;

function measureWithFont(): void {
  if (measuring) return;
  for (const file of FONT_FILES) GlobalFonts.registerFromPath(file, CHART_FONT);
  measuring = createCanvas(1, 1).getContext('2d');
  const context = measuring;
  scenegraph.textMetrics.width = (item, text) => {
    context.font = scenegraph.font(item);
    return context.measureText(String(text)).width;
  };
}

export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  measureWithFont();
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export async function renderPng(spec: TopLevelSpec): Promise<Buffer> {
  const svg = await renderSvg(spec);
  const resvg = new Resvg(svg, {
    font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: CHART_FONT },
    fitTo: { mode: 'zoom', value: 2 },
    background: 'white',
  });
  return resvg.render().asPng();
}
