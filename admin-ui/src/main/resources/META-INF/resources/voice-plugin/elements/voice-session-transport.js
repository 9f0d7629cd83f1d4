// Picks how a voice session connects. Over WebRTC, from what the server says (GET
// realtime-calls/options): "server" mode, where the plugin server starts and configures the call
// (ServerCallConnection), or "browser" mode, where the browser mints a client secret and talks to the
// provider itself (RealtimeConnection). A server that predates server mode (404) and a tenant that
// switched to browser mode in between (409 connection_mode_browser) get the browser mode. Over the
// WebSocket relay (RelayConnection) when the element asks for it, or, in "auto", when WebRTC cannot
// connect from this network and the tenant's relay setting allows it. The element sees one
// connection either way: the chosen transport's events are passed on unchanged.

import { ApiError, callApi } from './api.js';
import { RealtimeConnection } from './voice-session-connection.js';
import { VoiceSessionError, mintError } from './voice-session-errors.js';
import { aborted, emit, log } from './voice-session-peer.js';
import { webRtcBlockedError } from './voice-session-relay-errors.js';
import { RelayConnection } from './voice-session-relay.js';
import { BrowserModeRequested, ServerCallConnection } from './voice-session-server-call.js';

const EVENTS = ['log', 'local-stream', 'remote-stream', 'server-event', 'lost', 'call'];

/**
 * What a failed WebRTC attempt looks like when the network is the cause: no media path came up, it
 * broke during the handshake, or the provider's host could not be reached at all (browser mode).
 */
const BLOCKED = new Set(['connection_timeout', 'connection_lost', 'provider_unreachable']);

/** @typedef {'webrtc' | 'websocket' | 'auto'} Transport */

/**
 * Events: those of RealtimeConnection ("log", "local-stream", "remote-stream", "server-event",
 * "lost"), "call" (detail {id, endsAt: epoch ms | null}) in server mode and on the relay,
 * "relay" (detail {automatic: boolean}) when the session goes through the relay, and "options"
 * (detail: the server's realtime-calls/options) when they were read for this session.
 */
export class SessionConnection extends EventTarget {
  #apiBase;
  #timeoutMs;
  #transport;
  #connectTimeoutMs;
  #audio;
  #abort = new AbortController();
  /** @type {RealtimeConnection | ServerCallConnection | RelayConnection | null} */ #inner = null;
  #closed = false;
  /** Kept here, so a transport that starts later (the relay after WebRTC) starts as muted as the element is. */
  #muted = false;

  /**
   * @param {{apiBase: string, sessionTimeoutMs: number, transport: Transport, webRtcTimeoutMs: number,
   *   audio: import('./voice-session-peer.js').MicrophoneChoice}} options
   *   webRtcTimeoutMs: in auto, how long WebRTC may take to connect after the answer before the relay is used;
   *   audio: the microphone the user picked
   */
  constructor({ apiBase, sessionTimeoutMs, transport, webRtcTimeoutMs, audio }) {
    super();
    this.#apiBase = apiBase;
    this.#timeoutMs = sessionTimeoutMs;
    this.#transport = transport;
    this.#connectTimeoutMs = webRtcTimeoutMs;
    this.#audio = audio;
  }

  /**
   * Connects; rejects like the transport it chose, with webrtc_blocked when the relay is to be
   * offered to the user, or with an AbortError after close().
   */
  async open() {
    // Read on every transport, the relay included: the options carry what the user must be told before
    // speaking (whether the transcript is kept) and push-to-talk, which may have changed since page load.
    const options = await this.#options();
    if (this.#transport === 'websocket') return this.#relay(false);
    // An older server says nothing of the relay: then it has none.
    const relay = this.#transport === 'auto' ? options?.relay || 'off' : 'off';
    const connectTimeoutMs = relay === 'off' ? 0 : this.#connectTimeoutMs;
    try {
      await this.#webRtc(options, connectTimeoutMs);
    } catch (e) {
      if (relay === 'off' || this.#closed || !(e instanceof VoiceSessionError) || !BLOCKED.has(e.code)) throw e;
      this.#inner?.close();
      log(this, 'info', 'WebRTC did not connect', relay === 'automatic' ? 'switching to the relay' : 'offering the relay');
      if (relay !== 'automatic') throw webRtcBlockedError();
      await this.#relay(true);
    }
  }

  /** @param {boolean} automatic */
  async #relay(automatic) {
    if (this.#closed) throw aborted();
    emit(this, 'relay', { automatic });
    await this.#use(new RelayConnection({ apiBase: this.#apiBase, sessionTimeoutMs: this.#timeoutMs, audio: this.#audio })).open();
  }

  /**
   * @param {import('./voice-session-server-call.js').CallOptions | null} options null: the browser mode
   * @param {number} connectTimeoutMs 0: wait as long as the handshake may take
   */
  async #webRtc(options, connectTimeoutMs) {
    const init = { apiBase: this.#apiBase, sessionTimeoutMs: this.#timeoutMs, connectTimeoutMs, audio: this.#audio };
    if (options?.mode === 'server') {
      const call = this.#use(new ServerCallConnection({ ...init, options }));
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
    await this.#use(new RealtimeConnection(init)).open();
  }

  /** @param {boolean} muted */
  setMuted(muted) {
    this.#muted = muted;
    this.#inner?.setMuted(muted);
  }

  /** Hot-swaps the microphone of the running transport. @param {import('./voice-session-peer.js').MicrophoneChoice} audio */
  async useMicrophone(audio) {
    this.#audio = audio;
    await this.#inner?.useMicrophone(audio);
  }

  /** Silences the assistant now: WebRTC's output_audio_buffer.clear, or on the relay the local playback (see RelayConnection). */
  clearOutput() {
    if (this.#inner instanceof RelayConnection) this.#inner.clearOutput();
    else this.send({ type: 'output_audio_buffer.clear' });
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
      if (this.#transport !== 'websocket') this.#log(body?.mode === 'server' ? 'the server starts the call' : 'the tenant connects from the browser');
      if (!body || typeof body !== 'object') return null;
      emit(this, 'options', body);
      return body;
    } catch (e) {
      if (this.#closed) throw aborted();
      if (e instanceof ApiError && e.status === 404) {
        this.#log('this server has no server mode');
        return null;
      }
      throw mintError(e);
    }
  }

  /** @template {RealtimeConnection | ServerCallConnection | RelayConnection} T @param {T} transport @returns {T} */
  #use(transport) {
    this.#inner = transport;
    transport.setMuted(this.#muted);
    for (const type of EVENTS) {
      transport.addEventListener(type, (e) => emit(this, type, /** @type {CustomEvent} */ (e).detail), { signal: this.#abort.signal });
    }
    return transport;
  }

  /** @param {string} text */
  #log(text) {
    log(this, 'info', 'connection mode', text);
  }
}
