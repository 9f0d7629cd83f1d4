// <voice-usage>: a tenant administrator's view of calls and usage. Calls under way (refreshed every
// 5 s while the element is on screen and the tab visible) with "End call", usage per day as a chart
// (tokens, minutes or estimated cost), usage per user, and a CSV export.
// Embedding: <script type="module" src=".../voice-usage-define.js"></script> and
// <voice-usage api-base="../api/v1"></voice-usage>.

import { ApiError, callApi } from './api.js';
import { drawChart } from './voice-usage-chart.js';
import { CallsTable } from './voice-usage-calls.js';
import { el, formatMinutes, formatTokens, formatUsage, putCost } from './voice-usage-format.js';
import { DAYS, cloneMarkup } from './voice-usage-template.js';

const REFRESH_MS = 5000;

/** Fires `voice-usage-call-ended` (detail {id, userId}) after an administrator ended a call. */
export class VoiceUsage extends HTMLElement {
  static observedAttributes = ['api-base'];

  /** Registers the element; a second call (or another script that defined the tag) is harmless. */
  static define(tag = 'voice-usage', registry = customElements) {
    if (!registry.get(tag)) registry.define(tag, this);
    return this;
  }

  #root;
  #calls;
  /** @type {AbortController | null} */ #connection = null;
  /** @type {IntersectionObserver | null} */ #observer = null;
  #onScreen = false;
  #refreshTimer = 0;
  #tickTimer = 0;
  #callsLoading = false;
  /** When the calls were last asked for (ms), so coming back on screen does not ask twice. */
  #callsAt = 0;
  /** The server refused this user (401/403): nothing to refresh until the page is reloaded. */
  #refused = false;
  /** @type {{currency: string, days: any[]} | null} */ #daily = null;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = new URL('voice-usage.css', import.meta.url).href;
    this.#root.append(link, cloneMarkup());
    this.#calls = new CallsTable(/** @type {HTMLTableElement} */ (this.#q('.vu-calls-table')));
  }

  /** Base URL of the plugin's REST API; mirrors the `api-base` attribute. */
  get apiBase() {
    return this.getAttribute('api-base') || '../api/v1';
  }

  set apiBase(value) {
    this.setAttribute('api-base', value);
  }

  connectedCallback() {
    this.#connection = new AbortController();
    const { signal } = this.#connection;
    this.#root.addEventListener('click', (e) => this.#click(/** @type {Element} */ (e.target)), { signal });
    this.#root.addEventListener('change', () => this.#drawDaily(), { signal });
    document.addEventListener('visibilitychange', () => this.#schedule(), { signal });
    this.#observer = new IntersectionObserver((entries) => {
      this.#onScreen = entries.some((entry) => entry.isIntersecting);
      this.#schedule();
    });
    this.#observer.observe(this);
    this.refresh();
  }

  disconnectedCallback() {
    this.#connection?.abort();
    this.#connection = null;
    this.#observer?.disconnect();
    this.#observer = null;
    this.#onScreen = false;
    this.#schedule();
  }

  /** @param {string} _name @param {string | null} oldValue @param {string | null} newValue */
  attributeChangedCallback(_name, oldValue, newValue) {
    if (oldValue !== newValue && this.#connection) this.refresh();
  }

  /** Loads everything again. */
  refresh() {
    this.#refused = false;
    this.#q('.vu-blocked').hidden = true;
    this.#q('.vu-body').hidden = false;
    /** @type {HTMLAnchorElement} */ (this.#q('.vu-export')).href = this.#url(`usage/daily.csv?days=${DAYS}`);
    this.#loadCalls();
    this.#loadDaily();
    this.#loadUsers();
  }

  /** Refreshes the calls and ticks their durations only while someone can see them. */
  #schedule() {
    const watching = this.#onScreen && !this.#refused && document.visibilityState === 'visible' && this.#connection !== null;
    if (watching && !this.#refreshTimer) {
      this.#refreshTimer = window.setInterval(() => this.#loadCalls(), REFRESH_MS);
      this.#tickTimer = window.setInterval(() => this.#calls.tick(), 1000);
      if (Date.now() - this.#callsAt > REFRESH_MS) this.#loadCalls(); // back on screen: what is shown may be old
    } else if (!watching && this.#refreshTimer) {
      clearInterval(this.#refreshTimer);
      clearInterval(this.#tickTimer);
      this.#refreshTimer = this.#tickTimer = 0;
    }
  }

  /** @param {Element} target */
  #click(target) {
    const button = /** @type {HTMLElement | null} */ (target.closest('button'));
    if (!button) return;
    if (button.classList.contains('vu-refresh')) this.refresh();
    else if (button.dataset.end) this.#calls.confirm(button.dataset.end, true);
    else if (button.dataset.endNo) this.#calls.confirm(button.dataset.endNo, false);
    else if (button.dataset.endYes) this.#endCall(button.dataset.endYes);
  }

  /** @param {string} id */
  async #endCall(id) {
    const call = this.#calls.call(id);
    const who = call?.userId ?? 'the user';
    this.#status(`Ending the call of ${who}…`);
    try {
      await callApi(this.apiBase, `realtime-calls/${encodeURIComponent(id)}`, { method: 'DELETE', signal: this.#connection?.signal });
      this.#status(`The call of ${who} was ended.`);
      this.dispatchEvent(new CustomEvent('voice-usage-call-ended', { detail: { id, userId: call?.userId }, bubbles: true, composed: true }));
      this.#q('.vu-refresh').focus(); // the row and its buttons are about to go
    } catch (e) {
      if (isAbort(e)) return;
      this.#status(`The call of ${who} could not be ended. ${explain(e)}`);
      this.#calls.confirm(id, false);
    }
    await this.#loadCalls(true);
  }

  /** @param {boolean} [force] also when a refresh is already under way (after End call) */
  async #loadCalls(force = false) {
    if (this.#callsLoading && !force) return;
    this.#callsLoading = true;
    this.#callsAt = Date.now();
    const message = this.#q('.vu-calls-message');
    try {
      const { body } = await callApi(this.apiBase, 'realtime-calls?status=active', { signal: this.#connection?.signal });
      const items = Array.isArray(body?.items) ? body.items : [];
      this.#calls.show(items);
      this.#say(message, items.length ? '' : 'No calls right now. Calls appear here while they are under way.');
    } catch (e) {
      if (!isAbort(e) && !this.#blocked(e)) {
        this.#calls.show([]);
        this.#say(message, `The calls under way could not be loaded. ${explain(e)}`, 'error');
      }
    } finally {
      this.#callsLoading = false;
    }
  }

  async #loadDaily() {
    try {
      const { body } = await callApi(this.apiBase, `usage/daily?days=${DAYS}`, { signal: this.#connection?.signal });
      this.#daily = { currency: body?.currency || 'USD', days: Array.isArray(body?.days) ? body.days : [] };
      this.#drawDaily();
    } catch (e) {
      if (isAbort(e) || this.#blocked(e)) return;
      this.#daily = null;
      this.#q('.vu-chart').hidden = true;
      this.#say(this.#q('.vu-daily-message'), `The usage per day could not be loaded. ${explain(e)}`, 'error');
    }
  }

  #drawDaily() {
    if (!this.#daily) return;
    const measure = /** @type {HTMLInputElement | null} */ (this.#root.querySelector('input[name="vu-measure"]:checked'))?.value;
    const empty = drawChart(this.#q('.vu-chart'), this.#daily.days, /** @type {any} */ (measure || 'tokens'), this.#daily.currency);
    this.#say(this.#q('.vu-daily-message'), empty);
  }

  async #loadUsers() {
    const message = this.#q('.vu-users-message');
    const table = /** @type {HTMLTableElement} */ (this.#q('.vu-users-table'));
    try {
      const { body } = await callApi(this.apiBase, `usage/users?days=${DAYS}`, { signal: this.#connection?.signal });
      const currency = body?.currency || 'USD';
      /** @type {any[]} */
      const users = Array.isArray(body?.users) ? [...body.users] : [];
      users.sort((a, b) => (Number(b.totalTokens) || 0) - (Number(a.totalTokens) || 0));
      table.tBodies[0].replaceChildren(...users.map((u) => {
        const row = el('tr');
        const th = el('th', '', String(u.userId));
        th.setAttribute('scope', 'row');
        const cost = el('td', 'vu-num');
        putCost(cost, u.estimatedCost, currency);
        row.append(th, el('td', 'vu-num', formatTokens(u.calls)), el('td', 'vu-num', formatMinutes(u.minutes)),
          el('td', 'vu-num', formatUsage(u.totalTokens, u.sessionSeconds)), cost);
        return row;
      }));
      table.hidden = users.length === 0;
      this.#say(message, users.length ? '' : `No one has made a call in the last ${DAYS} days.`);
    } catch (e) {
      if (isAbort(e) || this.#blocked(e)) return;
      table.hidden = true;
      this.#say(message, `The usage per user could not be loaded. ${explain(e)}`, 'error');
    }
  }

  /** Not signed in, or not an administrator of this tenant: one message instead of three. @param {unknown} e */
  #blocked(e) {
    if (!(e instanceof ApiError) || (e.status !== 401 && e.status !== 403)) return false;
    const blocked = this.#q('.vu-blocked');
    blocked.textContent = e.problem.code ? e.humanMessage : 'Only administrators of this tenant can see its calls and usage. Sign in as one, then reload the page.';
    blocked.hidden = false;
    this.#q('.vu-body').hidden = true;
    this.#refused = true; // stop polling a view that will stay refused
    this.#schedule();
    return true;
  }

  /** @param {HTMLElement} node @param {string} text @param {'info' | 'error'} [kind] */
  #say(node, text, kind = 'info') {
    node.textContent = text;
    node.dataset.kind = kind;
    node.hidden = !text;
  }

  /** @param {string} text */
  #status(text) {
    this.#q('.vu-status').textContent = text;
  }

  /** @param {string} path */
  #url(path) {
    return `${this.apiBase.replace(/\/$/, '')}/${path}`;
  }

  /** @param {string} selector */
  #q(selector) {
    return /** @type {HTMLElement} */ (this.#root.querySelector(selector));
  }
}

/** @param {unknown} e */
const isAbort = (e) => e instanceof DOMException && e.name === 'AbortError';

/**
 * A failure in words: the server's detail and hint, or for a server without these views a hint to update it.
 * @param {unknown} e
 */
function explain(e) {
  if (!(e instanceof ApiError)) return String(e);
  if (e.status === 404) return 'This server does not record calls and usage yet: update the voice plugin on the server.';
  return e.problem.code || e.status === 0 ? e.humanMessage : `The server answered with HTTP status ${e.status}.`;
}
