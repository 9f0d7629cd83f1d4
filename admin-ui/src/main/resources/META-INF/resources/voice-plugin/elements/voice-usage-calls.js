// The table of calls under way: one row per call, kept by id across refreshes so that a row being
// confirmed ("End this call?") and the focus inside it survive the 5-second refresh. Durations tick
// locally between refreshes. The element handles the clicks (data-end, data-end-yes, data-end-no).

import { el, formatDuration, formatTime, formatUsage, putCost } from './voice-usage-format.js';

/**
 * @typedef {{id: string, userId: string, status: string, startedAt: string, endsAt: string,
 *   usage?: {totalTokens?: number, sessionSeconds?: number}, estimatedCost: number | null, currency: string}} Call
 */

export class CallsTable {
  #table;
  #body;
  /** @type {Map<string, {row: HTMLTableRowElement, call: Call}>} */ #rows = new Map();

  /** @param {HTMLTableElement} table */
  constructor(table) {
    this.#table = table;
    this.#body = /** @type {HTMLTableSectionElement} */ (table.tBodies[0]);
  }

  /** @param {Call[]} calls in the server's order */
  show(calls) {
    const seen = new Set(calls.map((c) => c.id));
    for (const [id, { row }] of this.#rows) {
      if (seen.has(id)) continue;
      row.remove();
      this.#rows.delete(id);
    }
    calls.forEach((call, index) => {
      const row = this.#rows.get(call.id)?.row ?? this.#newRow(call);
      this.#rows.set(call.id, { row, call });
      this.#fill(row, call);
      // Only a row out of place moves: moving the row that holds the focus would drop it.
      const there = this.#body.rows[index];
      if (there !== row) this.#body.insertBefore(row, there ?? null);
    });
    this.#table.hidden = calls.length === 0;
    this.tick();
  }

  /** Updates every duration from its start time. */
  tick() {
    const now = Date.now();
    for (const { row, call } of this.#rows.values()) {
      const seconds = (now - Date.parse(call.startedAt)) / 1000;
      const time = /** @type {HTMLTimeElement} */ (row.querySelector('.vu-duration time'));
      if (!Number.isFinite(seconds)) continue;
      time.textContent = formatDuration(seconds);
      time.dateTime = `PT${Math.max(0, Math.floor(seconds))}S`;
    }
  }

  /** @param {string} id */
  call(id) {
    return this.#rows.get(id)?.call;
  }

  /** Shows or hides a row's confirmation, and moves the focus to where the person continues. @param {string} id @param {boolean} ask */
  confirm(id, ask) {
    const row = this.#rows.get(id)?.row;
    if (!row) return;
    /** @type {HTMLElement} */ (row.querySelector('.vu-confirm')).hidden = !ask;
    /** @type {HTMLElement} */ (row.querySelector('[data-end]')).hidden = ask;
    /** @type {HTMLElement} */ (row.querySelector(ask ? '[data-end-no]' : '[data-end]')).focus();
  }

  /** @param {Call} call */
  #newRow(call) {
    const row = /** @type {HTMLTableRowElement} */ (el('tr'));
    row.dataset.call = call.id;
    const duration = el('td', 'vu-duration');
    duration.append(el('time'));
    const actions = el('td', 'vu-actions');
    const end = /** @type {HTMLButtonElement} */ (el('button', 'vu-end', 'End call'));
    end.type = 'button';
    end.dataset.end = call.id;
    const confirm = el('div', 'vu-confirm');
    confirm.hidden = true;
    confirm.setAttribute('role', 'group');
    const question = el('p', '', 'End this call now?');
    question.id = `vu-confirm-${call.id}`;
    confirm.setAttribute('aria-labelledby', question.id);
    const yes = /** @type {HTMLButtonElement} */ (el('button', 'vu-danger', 'End the call'));
    yes.type = 'button';
    yes.dataset.endYes = call.id;
    const no = /** @type {HTMLButtonElement} */ (el('button', '', 'Keep it'));
    no.type = 'button';
    no.dataset.endNo = call.id;
    confirm.append(question, yes, no);
    actions.append(end, confirm);
    const th = el('th', 'vu-user');
    th.setAttribute('scope', 'row');
    row.append(th, el('td', 'vu-started'), duration, el('td', 'vu-num vu-tokens'), el('td', 'vu-num vu-cost'), actions);
    return row;
  }

  /** @param {HTMLTableRowElement} row @param {Call} call */
  #fill(row, call) {
    const cell = (/** @type {string} */ name) => /** @type {HTMLElement} */ (row.querySelector(`.vu-${name}`));
    cell('user').textContent = call.userId;
    const started = /** @type {HTMLTimeElement} */ (el('time', '', formatTime(call.startedAt)));
    started.dateTime = call.startedAt;
    cell('started').replaceChildren(started);
    cell('tokens').textContent = formatUsage(call.usage?.totalTokens, call.usage?.sessionSeconds);
    putCost(cell('cost'), call.estimatedCost, call.currency);
    /** @type {HTMLElement} */ (row.querySelector('[data-end]')).setAttribute('aria-label', `End call of ${call.userId}`);
  }
}
