// Numbers, costs, times and durations of <voice-usage> for people, and the cells that hold them.
// Text only through textContent: user ids and dates come from the server.

const integers = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const decimals = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const times = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const days = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** @param {unknown} n */
export const formatTokens = (n) => integers.format(Number(n) || 0);

/** @param {unknown} n */
export const formatMinutes = (n) => decimals.format(Number(n) || 0);

/** GPT-Live's billed session time. @param {unknown} n */
export const formatSeconds = (n) => `${decimals.format(Number(n) || 0)} s`;

/**
 * What a call or user used: tokens (the Realtime API), session seconds (GPT-Live, which bills by
 * the second), or both (GPT-Live with a backend model, whose tokens bill on top).
 * @param {unknown} tokens
 * @param {unknown} seconds
 */
export function formatUsage(tokens, seconds) {
  if (!Number(seconds)) return formatTokens(tokens);
  return Number(tokens) ? `${formatSeconds(seconds)} + ${formatTokens(tokens)} tokens` : formatSeconds(seconds);
}

/**
 * A cost in its currency; small amounts keep enough digits to differ from zero.
 * @param {number | null | undefined} amount
 * @param {string} currency
 * @returns {string | null} null when no price is known
 */
export function formatCost(amount, currency) {
  if (amount === null || amount === undefined || !Number.isFinite(amount)) return null;
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency: currency || 'USD', maximumFractionDigits: 4 })
      .format(amount);
  } catch {
    return `${amount} ${currency}`; // not an ISO currency code: show it as it came
  }
}

/** @param {string} iso */
export function formatTime(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso) : times.format(date);
}

/** A day of the API ("2026-12-01", a UTC date) as "1 Dec". @param {string} day */
export function formatDay(day) {
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? String(day) : days.format(date);
}

/** @param {number} seconds */
export function formatDuration(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(h ? 2 : 1, '0');
  return `${h ? `${h}:` : ''}${mm}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * @param {string} tag
 * @param {string} [className]
 * @param {string} [text]
 */
export function el(tag, className = '', text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * Fills a cell with a cost, or with a dash that screen readers read as "not known".
 * @param {HTMLElement} cell
 * @param {number | null | undefined} amount
 * @param {string} currency
 */
export function putCost(cell, amount, currency) {
  const text = formatCost(amount, currency);
  if (text !== null) {
    cell.textContent = text;
    return;
  }
  const dash = el('span', '', '—');
  dash.setAttribute('aria-hidden', 'true');
  cell.replaceChildren(dash, el('span', 'vu-visually-hidden', 'not known'));
}
