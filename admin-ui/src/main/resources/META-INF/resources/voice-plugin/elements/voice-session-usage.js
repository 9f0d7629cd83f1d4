// Live usage of the call under way. In server mode and on the relay the plugin counts it (the sideband
// or the relay sees every response.done), so the widget asks GET realtime-calls/{id} every few
// seconds: one request at a time, slower after failures, never after the session ended. In browser
// mode the platform does not see the call; the widget then adds up the usage of each response.done it
// receives itself and says so ("counted here"), with no cost: only the server knows the prices.
// The time left counts down every second from the call's end, which each answer may move.

import { callApi } from './api.js';
import { localEndsAt, serverClockOffset } from './voice-session-peer.js';

/** After each failed request the pause doubles, up to this. */
const MAX_PAUSE_MS = 60_000;

/**
 * @typedef {{inputTokens: number, outputTokens: number, totalTokens: number, sessionSeconds?: number,
 *   estimatedCost: number | null, currency: string, counted: 'server' | 'browser'}} UsageDetail
 */

export class UsageView {
  #ui;
  #report;
  #local = { inputTokens: 0, outputTokens: 0, totalTokens: 0 };
  /** @type {AbortController | null} */ #poll = null;
  #timer = 0;

  /**
   * @param {{box: HTMLElement, tokens: HTMLElement, cost: HTMLElement, left: HTMLElement}} ui
   * @param {(usage: UsageDetail) => void} report tells the host (the element's voice-session-usage event)
   */
  constructor(ui, report) {
    this.#ui = ui;
    this.#report = report;
  }

  /** A new session: nothing counted, nothing shown. */
  reset() {
    this.stop();
    this.#local = { inputTokens: 0, outputTokens: 0, totalTokens: 0 };
    this.#ui.box.hidden = true;
    this.#row(this.#ui.cost, '');
    this.#row(this.#ui.left, '');
  }

  /**
   * Polls the call's usage until stop().
   * @param {string} apiBase @param {string} callId @param {number} intervalMs
   * @param {(endsAt: number | null) => void} onEndsAt the server's latest word on when the call ends
   */
  poll(apiBase, callId, intervalMs, onEndsAt) {
    this.stop();
    const poll = this.#poll = new AbortController();
    let failures = 0;
    const tick = async () => {
      try {
        const { body, headers } = await callApi(apiBase, `realtime-calls/${encodeURIComponent(callId)}`, { signal: poll.signal });
        failures = 0;
        this.#showCall(body);
        onEndsAt(localEndsAt(Date.parse(body?.endsAt), serverClockOffset(headers), undefined));
        if (body?.status === 'ended') return;
      } catch {
        if (poll.signal.aborted) return;
        failures += 1;
      }
      if (!poll.signal.aborted) this.#timer = window.setTimeout(tick, Math.min(MAX_PAUSE_MS, intervalMs * 2 ** failures));
    };
    tick();
  }

  /** Browser mode: adds up what each response.done says it used. @param {any} event */
  count(event) {
    const usage = event.type === 'response.done' ? event.response?.usage : null;
    if (!usage) return;
    for (const [key, field] of /** @type {const} */ ([['inputTokens', 'input_tokens'], ['outputTokens', 'output_tokens'], ['totalTokens', 'total_tokens']])) {
      this.#local[key] += Number(usage[field]) || 0;
    }
    this.#show({ ...this.#local, estimatedCost: null, currency: 'USD', counted: 'browser' });
  }

  /** @param {number | null} ms time left of the call, null when it has no end */
  showLeft(ms) {
    if (ms === null) return this.#row(this.#ui.left, '');
    const s = Math.max(0, Math.ceil(ms / 1000));
    this.#row(this.#ui.left, `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`);
  }

  /** Ends polling: the request in flight is aborted, no further one is planned. The totals stay; a time left would mislead. */
  stop() {
    clearTimeout(this.#timer);
    this.#poll?.abort();
    this.#poll = null;
    this.#row(this.#ui.left, '');
  }

  /** @param {any} call GET realtime-calls/{id} */
  #showCall(call) {
    const u = call?.usage || {};
    const cost = typeof call?.estimatedCost === 'number' ? call.estimatedCost : null;
    this.#show({
      inputTokens: Number(u.inputTokens) || 0, outputTokens: Number(u.outputTokens) || 0, totalTokens: Number(u.totalTokens) || 0,
      sessionSeconds: Number(u.sessionSeconds) || 0, estimatedCost: cost, currency: String(call?.currency || 'USD'), counted: 'server',
      // GPT-Live bills by the second: its tokens are only those of delegated backend requests.
      ...(/-live$/.test(call?.provider || '') ? { live: true } : {}),
    });
  }

  /** @param {UsageDetail & {live?: boolean}} usage */
  #show(usage) {
    const { live, ...detail } = usage;
    this.#ui.box.hidden = false;
    /** @type {HTMLElement} */ (this.#ui.tokens.previousElementSibling).textContent = live ? 'Billed' : 'Tokens';
    this.#ui.tokens.textContent = live ? `${Math.round(usage.sessionSeconds || 0)} s`
      : usage.totalTokens.toLocaleString() + (usage.counted === 'browser' ? ' (counted here)' : '');
    this.#row(this.#ui.cost, usage.estimatedCost === null ? '' : '≈ ' + money(usage.estimatedCost, usage.currency));
    this.#report(detail);
  }

  /** A row of the list, hidden while it has nothing to say. @param {HTMLElement} dd @param {string} text */
  #row(dd, text) {
    dd.textContent = text;
    /** @type {HTMLElement} */ (dd.parentElement).hidden = !text;
  }
}

/** @param {number} amount @param {string} currency */
function money(amount, currency) {
  try {
    return amount.toLocaleString(undefined, { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 4 });
  } catch {
    return `${amount.toFixed(4)} ${currency}`; // a currency code Intl does not know
  }
}
