// Usage per day as bars: an inline SVG drawn from attributes only (the CSP forbids style
// attributes), hidden from assistive technology, which reads the same numbers from a visually
// hidden table and a one-line summary instead.

import { el, formatCost, formatDay, formatMinutes, formatSeconds, formatTokens } from './voice-usage-format.js';

const SVG = 'http://www.w3.org/2000/svg';
/** Width of one day in the SVG's own units; the bar leaves a gap of a fifth. */
const SLOT = 10;
const HEIGHT = 100;

/** @typedef {{day: string, calls: number, minutes: number, totalTokens: number, sessionSeconds?: number, estimatedCost: number | null}} Day */
/** @typedef {'tokens' | 'seconds' | 'minutes' | 'cost'} Measure */

/** @type {Record<Measure, string>} */
export const MEASURE_NAMES = { tokens: 'Tokens', seconds: 'GPT-Live seconds', minutes: 'Minutes', cost: 'Estimated cost' };

/** @param {Day} day @param {Measure} measure @returns {number | null} */
function valueOf(day, measure) {
  if (measure === 'tokens') return Number(day.totalTokens) || 0;
  if (measure === 'seconds') return Number(day.sessionSeconds) || 0;
  if (measure === 'minutes') return Number(day.minutes) || 0;
  return day.estimatedCost === null || day.estimatedCost === undefined ? null : Number(day.estimatedCost);
}

/** @param {number | null} value @param {Measure} measure @param {string} currency */
function format(value, measure, currency) {
  if (value === null) return 'not known';
  if (measure === 'tokens') return `${formatTokens(value)} tokens`;
  if (measure === 'seconds') return formatSeconds(value);
  if (measure === 'minutes') return `${formatMinutes(value)} min`;
  return /** @type {string} */ (formatCost(value, currency));
}

/**
 * Draws the days into the figure; returns what to say instead when there is nothing to draw.
 * @param {HTMLElement} figure
 * @param {Day[]} days oldest first
 * @param {Measure} measure
 * @param {string} currency
 * @returns {string} '' when drawn, else the reason there is no chart
 */
export function drawChart(figure, days, measure, currency) {
  const q = (/** @type {string} */ s) => /** @type {HTMLElement} */ (figure.querySelector(s));
  const values = days.map((d) => valueOf(d, measure));
  const known = /** @type {number[]} */ (values.filter((v) => v !== null));
  const total = known.reduce((a, b) => a + b, 0);
  let empty = '';
  if (days.every((d) => !Number(d.calls) && !Number(d.totalTokens) && !Number(d.sessionSeconds))) {
    empty = `No calls in the last ${days.length} days.`;
  }
  if (!empty && measure === 'cost' && known.length === 0) {
    empty = 'No cost can be estimated: the prices of the models used are not known. Tokens and minutes are counted all the same.';
  }
  figure.hidden = Boolean(empty);
  if (empty) return empty;

  const max = Math.max(...known, 0);
  const svg = /** @type {SVGSVGElement} */ (/** @type {unknown} */ (q('.vu-bars')));
  svg.setAttribute('viewBox', `0 0 ${days.length * SLOT} ${HEIGHT}`);
  svg.replaceChildren(...days.map((day, i) => {
    const value = values[i] ?? 0;
    // A day with any use stays visible next to a much busier one.
    const height = max > 0 && value > 0 ? Math.max(1, (value / max) * HEIGHT) : 0;
    const rect = document.createElementNS(SVG, 'rect');
    rect.setAttribute('x', String(i * SLOT + 1));
    rect.setAttribute('width', String(SLOT - 2));
    rect.setAttribute('y', String(HEIGHT - height));
    rect.setAttribute('height', String(height));
    rect.dataset.day = day.day;
    const title = document.createElementNS(SVG, 'title');
    title.textContent = `${formatDay(day.day)}: ${format(values[i], measure, currency)}`;
    rect.append(title);
    return rect;
  }));
  q('.vu-max').textContent = `Highest: ${format(max, measure, currency)}`;
  q('.vu-first').textContent = days.length ? formatDay(days[0].day) : '';
  q('.vu-last').textContent = days.length ? formatDay(days[days.length - 1].day) : '';
  const busiest = days[values.indexOf(max)];
  const partial = known.length < values.length ? ' Some days have no estimate.' : '';
  q('.vu-summary').textContent = `${MEASURE_NAMES[measure]}: ${format(total, measure, currency)} in all over ${days.length} days`
    + `${busiest && max > 0 ? `, most on ${formatDay(busiest.day)} (${format(max, measure, currency)})` : ''}.${partial}`;
  q('.vu-measure-name').textContent = MEASURE_NAMES[measure];
  /** @type {HTMLTableSectionElement} */ (q('.vu-daily-table tbody')).replaceChildren(...days.map((day, i) => {
    const row = el('tr');
    const th = el('th', '', formatDay(day.day));
    th.setAttribute('scope', 'row');
    row.append(th, el('td', '', format(values[i], measure, currency)));
    return row;
  }));
  return '';
}
