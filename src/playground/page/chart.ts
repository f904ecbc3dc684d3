import type { RenderContext } from './context.js';
import { INTL_LOCALE } from './context.js';
import { attr, escapeHtml } from './escape.js';
import { asArray, asNumber, asObject, asObjects, asString, type JsonObject } from './json.js';

/** Slack's chart palette order, near enough: blue, green, yellow, red, cyan, aubergine. */
const COLORS = ['#1264a3', '#2bac76', '#ecb22e', '#e01e5a', '#36c5f0', '#611f69'];

const WIDTH = 520;
const HEIGHT = 240;
const MARGIN = { top: 12, right: 12, bottom: 44, left: 44 };
const PLOT_WIDTH = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_HEIGHT = HEIGHT - MARGIN.top - MARGIN.bottom;

interface Series {
  name: string;
  color: string;
  values: Array<number | undefined>;
}

interface ChartData {
  type: 'bar' | 'line';
  categories: string[];
  series: Series[];
  max: number;
}

function chartData(chart: JsonObject): ChartData {
  const rawSeries = asObjects(chart.series);
  const axis = asObject(chart.axis_config);
  const given = asArray(axis?.categories).flatMap((category) => asString(category) ?? []);
  const categories = given.length > 0 ? given : [...new Set(rawSeries.flatMap((series) => asObjects(series.data).flatMap((point) => asString(point.label) ?? [])))];
  const series = rawSeries.map((raw, index) => {
    const byLabel = new Map(asObjects(raw.data).map((point) => [asString(point.label) ?? '', asNumber(point.value)]));
    return { name: asString(raw.name) ?? '', color: COLORS[index % COLORS.length]!, values: categories.map((category) => byLabel.get(category)) };
  });
  const max = Math.max(0, ...series.flatMap((item) => item.values.flatMap((value) => value ?? [])));
  return { type: chart.type === 'line' ? 'line' : 'bar', categories, series, max };
}

/** A round axis top above the largest value, so gridlines fall on readable numbers (whole ones for counts). */
function niceMax(max: number, wholeNumbers: boolean): number {
  if (wholeNumbers && max <= 4) return 4;
  if (max <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  const step = [1, 2, 2.5, 5, 10].find((candidate) => candidate * magnitude >= max) ?? 10;
  return step * magnitude;
}

const y = (value: number, top: number) => MARGIN.top + PLOT_HEIGHT - (value / top) * PLOT_HEIGHT;
const round = (value: number) => Math.round(value * 10) / 10;

function gridHtml(top: number, context: RenderContext): string {
  const format = new Intl.NumberFormat(INTL_LOCALE[context.locale]);
  return [0, 0.25, 0.5, 0.75, 1]
    .map((share) => {
      const lineY = round(y(top * share, top));
      return `<line class="sk-chart-grid" x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${lineY}" y2="${lineY}"/><text class="sk-chart-tick" x="${MARGIN.left - 6}" y="${lineY + 3}" text-anchor="end">${escapeHtml(format.format(top * share))}</text>`;
    })
    .join('');
}

function categoryLabelsHtml(categories: string[]): string {
  const band = PLOT_WIDTH / Math.max(categories.length, 1);
  const slanted = categories.length > 8;
  return categories
    .map((category, index) => {
      const x = round(MARGIN.left + band * (index + 0.5));
      const labelY = MARGIN.top + PLOT_HEIGHT + 14;
      const rotate = slanted ? ` transform="rotate(-35 ${x} ${labelY})"` : '';
      return `<text class="sk-chart-label" x="${x}" y="${labelY}" text-anchor="${slanted ? 'end' : 'middle'}"${rotate}>${escapeHtml(category)}</text>`;
    })
    .join('');
}

function barsHtml(data: ChartData, top: number): string {
  const band = PLOT_WIDTH / Math.max(data.categories.length, 1);
  // Bars keep a chart's proportions when there are few categories, as Slack's do.
  const barWidth = Math.min(28, (band * 0.8) / Math.max(data.series.length, 1));
  const groupOffset = (band - barWidth * data.series.length) / 2;
  return data.series
    .flatMap((series, seriesIndex) =>
      series.values.map((value, index) => {
        if (value === undefined) return '';
        const x = round(MARGIN.left + band * index + groupOffset + barWidth * seriesIndex);
        const barTop = round(y(value, top));
        const height = round(MARGIN.top + PLOT_HEIGHT - barTop);
        return `<rect class="sk-chart-bar" x="${x}" y="${barTop}" width="${round(barWidth)}" height="${height}" fill="${series.color}"><title>${escapeHtml(`${series.name} · ${data.categories[index]}: ${value}`)}</title></rect>`;
      }),
    )
    .join('');
}

function linesHtml(data: ChartData, top: number): string {
  const band = PLOT_WIDTH / Math.max(data.categories.length, 1);
  return data.series
    .map((series) => {
      const points = series.values.flatMap((value, index) => (value === undefined ? [] : [{ x: round(MARGIN.left + band * (index + 0.5)), y: round(y(value, top)), value, index }]));
      const path = `<polyline class="sk-chart-line" fill="none" stroke="${series.color}" stroke-width="2" points="${points.map((point) => `${point.x},${point.y}`).join(' ')}"/>`;
      const dots = points.map((point) => `<circle cx="${point.x}" cy="${point.y}" r="3" fill="${series.color}"><title>${escapeHtml(`${series.name} · ${data.categories[point.index]}: ${point.value}`)}</title></circle>`).join('');
      return path + dots;
    })
    .join('');
}

function legendHtml(series: Series[]): string {
  return `<ul class="sk-chart-legend">${series.map((item) => `<li><span class="sk-chart-swatch"${attr('style', `background:${item.color}`)}></span>${escapeHtml(item.name)}</li>`).join('')}</ul>`;
}

/** The data_visualization block: its title and a bar or line chart drawn as inline SVG. */
export function chartHtml(block: JsonObject, context: RenderContext): string {
  const chart = asObject(block.chart) ?? {};
  const data = chartData(chart);
  const top = niceMax(data.max, data.series.every((series) => series.values.every((value) => value === undefined || Number.isInteger(value))));
  const title = asString(block.title) ?? '';
  const axis = asObject(chart.axis_config);
  const marks = data.type === 'line' ? linesHtml(data, top) : barsHtml(data, top);
  const axisLabels =
    (asString(axis?.x_label) ? `<text class="sk-chart-axis-label" x="${MARGIN.left + PLOT_WIDTH / 2}" y="${HEIGHT - 4}" text-anchor="middle">${escapeHtml(asString(axis?.x_label)!)}</text>` : '') +
    (asString(axis?.y_label) ? `<text class="sk-chart-axis-label" x="10" y="${MARGIN.top + PLOT_HEIGHT / 2}" text-anchor="middle" transform="rotate(-90 10 ${MARGIN.top + PLOT_HEIGHT / 2})">${escapeHtml(asString(axis?.y_label)!)}</text>` : '');
  const svg =
    `<svg class="sk-chart-svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img"${attr('aria-label', title)} xmlns="http://www.w3.org/2000/svg">` +
    `<title>${escapeHtml(title)}</title>${gridHtml(top, context)}${marks}${categoryLabelsHtml(data.categories)}${axisLabels}</svg>`;
  return `<figure class="sk-chart"${attr('data-chart-type', data.type)}><figcaption class="sk-chart-title">${escapeHtml(title)}</figcaption>${svg}${legendHtml(data.series)}</figure>`;
}
