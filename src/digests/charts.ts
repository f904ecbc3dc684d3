import type { TopLevelSpec } from 'vega-lite';
import { renderPng } from '../charts/render.js';

/** A chart of a digest: a vega-lite spec rendered to PNG, with what it is called and says. */
export interface Chart {
  name: string;
  title: string;
  /** What a screen reader says, and what shows where the image cannot. */
  altText: string;
  spec: TopLevelSpec;
}

export interface RenderedChart {
  chart: Chart;
  png: Buffer;
  filename: string;
}

/** The PNGs of a digest's charts, named `<fileStem>-<chart>.png`. */
export async function renderCharts(draft: { charts: Chart[]; fileStem: string }): Promise<RenderedChart[]> {
  const rendered: RenderedChart[] = [];
  // One at a time: each render holds the font and a full-size canvas in memory.
  for (const chart of draft.charts) rendered.push({ chart, png: await renderPng(chart.spec), filename: `${draft.fileStem}-${chart.name}.png` });
  return rendered;
}
