// Picks how a voice session connects, from what the server says (GET realtime-calls/options):
// "server" mode, where the plugin server starts and configures the call (ServerCallConnection), or
// "browser" mode, where the browser mints a client secret and talks to the provider itself
// (RealtimeConnection). A server that predates server mode (404) and a tenant that switched to
// browser mode in between (409 connection_mode_browser) get the browser mode. The element sees one
// connection either way: the chosen transport's events are passed on unchanged.

import { ApiError, callApi } from './api.js';
import { RealtimeConnection } from './voice-session-connection.js';
import { mintError } from './voice-session-errors.js';
import { aborted } from './voice-session-peer.js';
import { BrowserModeRequested, ServerCallConnection } from './voice-session-server-call.js';

const EVENTS = ['log', 'local-stream', 'remote-stream', 'server-event', 'lost', 'call'];

/**
 * Events: those of RealtimeConnection ("log", "local-stream", "remote-stream", "server-event",
 * "lost"), and in server mode "call" (detail {id, endsAt: epoch ms | null}).
 */
export class SessionConnection extends EventTarget {
  #apiBase;
  #timeoutMs;
  #abort = new AbortController();
  /** @type {RealtimeConnection | ServerCallConnection | null} */ #inner = null;
  #closed = false;

  /** @param {{apiBase: string, sessionTimeoutMs: number}} options */
  constructor({ apiBase, sessionTimeoutMs }) {
    super();
    this.#apiBase = apiBase;
    this.#timeoutMs = sessionTimeoutMs;
  }

  /** Connects in the tenant's mode; rejects like the transport it chose, or with an AbortError after close(). */
  async open() {
    const options = await this.#options();
    if (options?.mode === 'server') {
      const call = this.#use(new ServerCallConnection({ apiBase: this.#apiBase, sessionTimeoutMs: this.#timeoutMs, options }));
      try {
        await call.open();
        return;
      } catch (e) {
        if (!(e instanceof BrowserModeRequested)) throw e;
        call.close();
        this.#log('the tenant now connects from the browser');
      }
    }
    if (this.#closed) throw aborted();
    await this.#use(new RealtimeConnection({ apiBase: this.#apiBase, sessionTimeoutMs: this.#timeoutMs })).open();
  }

  /** @param {boolean} muted */
  setMuted(muted) {
    this.#inner?.setMuted(muted);
  }

  /** @param {object} event */
  send(event) {
    return this.#inner?.send(event) ?? false;
  }

  close() {
    if (this.#closed) return;
    this.#closed = true;
    this.#abort.abort();
    this.#inner?.close();
  }

  /** @returns {Promise<import('./voice-session-server-call.js').CallOptions | null>} null: use the browser mode */
  async #options() {
    try {
      const { body } = await callApi(this.#apiBase, 'realtime-calls/options', { signal: this.#abort.signal });
      this.#log(body?.mode === 'server' ? 'the server starts the call' : 'the tenant connects from the browser');
      return body && typeof body === 'object' ? body : null;
    } catch (e) {
      if (this.#closed) throw aborted();
      if (e instanceof ApiError && e.status === 404) {
        this.#log('this server has no server mode');
        return null;
      }
      throw mintError(e);
    }
  }

  /** @template {RealtimeConnection | ServerCallConnection} T @param {T} transport @returns {T} */
  #use(transport) {
    this.#inner = transport;
    for (const type of EVENTS) {
      transport.addEventListener(type, (e) => this.dispatchEvent(new CustomEvent(type, { detail: /** @type {CustomEvent} */ (e).detail })),
        { signal: this.#abort.signal });
    }
    return transport;
  }

  /** @param {string} text */
  #log(text) {
    this.dispatchEvent(new CustomEvent('log', { detail: { direction: 'info', type: 'connection mode', text } }));
  }
}
