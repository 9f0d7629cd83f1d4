// <voice-session>: talk to the tenant's realtime voice assistant from the admin panel.
// Embedding: <script type="module" src=".../voice-session-define.js"></script> and
// <voice-session api-base="../api/v1"></voice-session>. Hosts can follow the "voice-session-state"
// event ({detail: {state, message}}, bubbles, composed). transport="webrtc|websocket|auto" (default
// auto) chooses WebRTC, the plugin's WebSocket relay, or WebRTC with the relay when WebRTC fails.

import { VoiceSessionError, preflightError, providerEventError } from './voice-session-errors.js';
import { EventLog } from './voice-session-log.js';
import { SessionClock, holdReconnect } from './voice-session-clock.js';
import { LevelMeters } from './voice-session-meter.js';
import { TranscriptView } from './voice-session-transcript.js';
import { SessionConnection } from './voice-session-transport.js';
import { TEMPLATE, statusText } from './voice-session-view.js';

/** @typedef {import('./voice-session-view.js').SessionState} SessionState */
/** @typedef {import('./voice-session-transport.js').Transport} Transport */

const TRANSPORTS = ['webrtc', 'websocket', 'auto'];

/** A number attribute, or the fallback when it is missing or not positive. @param {Element} el @param {string} name @param {number} fallback */
function positive(el, name, fallback) {
  const value = Number(el.getAttribute(name));
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

export class VoiceSession extends HTMLElement {
  /** Registers the element; a second call (or another script that defined the tag) is harmless. */
  static define(tag = 'voice-session', registry = customElements) {
    if (!registry.get(tag)) registry.define(tag, this);
    return this;
  }

  /** @type {SessionState} */ #state = 'idle';
  /** @type {SessionConnection | null} */ #connection = null;
  /** @type {LevelMeters | null} */ #meters = null;
  /** @type {AbortController | null} */ #lifetime = null;
  #ui;
  #transcript;
  #log;
  #muted = false;
  #userSpeaking = false;
  #assistantAudio = false;
  #responding = false;
  /** The session goes through the plugin's relay (says so in the status line). */
  #relayed = false;
  /** Ends the Retry-After countdown on Reconnect. */
  #releaseHold = () => {};
  #clock;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.innerHTML = TEMPLATE;
    /** @param {string} selector */
    const $ = (selector) => /** @type {any} */ (root.querySelector(selector));
    $('link').href = new URL('voice-session.css', import.meta.url).href;
    this.#ui = {
      panel: $('.panel'), status: $('.status'), timer: $('.timer'), message: $('.message'),
      remaining: $('.remaining'), start: $('.start'), relay: $('.relay'), mute: $('.mute'), stop: $('.stop'),
      localMeter: $('meter.local'), remoteMeter: $('meter.remote'), audio: /** @type {HTMLAudioElement} */ ($('audio')),
    };
    this.#clock = new SessionClock(this.#ui.timer, this.#ui.remaining, (text) => this.#showMessage(text, 'warning'));
    this.#transcript = new TranscriptView($('.transcript'), $('.empty'));
    this.#log = new EventLog($('.event-list'), $('.count'));
  }

  /** Base URL of the plugin API. */
  get apiBase() {
    return this.getAttribute('api-base') || '../api/v1';
  }

  set apiBase(value) {
    this.setAttribute('api-base', value);
  }

  /** How long to wait for the provider to confirm the settings (session.updated). */
  get sessionTimeoutMs() {
    return positive(this, 'session-timeout-ms', 10000);
  }

  set sessionTimeoutMs(value) {
    this.setAttribute('session-timeout-ms', String(value));
  }

  /**
   * How to connect: "webrtc", "websocket" (the plugin's relay) or "auto" (WebRTC; the relay when
   * WebRTC cannot connect, as the tenant's relay setting allows). Anything else counts as auto.
   * @returns {Transport}
   */
  get transport() {
    const value = this.getAttribute('transport');
    return value && TRANSPORTS.includes(value) ? /** @type {Transport} */ (value) : 'auto';
  }

  set transport(value) {
    this.setAttribute('transport', value);
  }

  /** In auto, how long WebRTC may take to connect once the provider answered, before the relay is used. */
  get webRtcTimeoutMs() {
    return positive(this, 'webrtc-timeout-ms', 6000);
  }

  set webRtcTimeoutMs(value) {
    this.setAttribute('webrtc-timeout-ms', String(value));
  }

  /** @returns {SessionState} */
  get state() {
    return this.#state;
  }

  connectedCallback() {
    this.#lifetime = new AbortController();
    const { signal } = this.#lifetime;
    this.#ui.start.addEventListener('click', () => this.start(), { signal });
    this.#ui.relay.addEventListener('click', () => this.#begin('websocket'), { signal });
    this.#ui.stop.addEventListener('click', () => this.stop(), { signal });
    this.#ui.mute.addEventListener('click', () => this.#setMuted(!this.#muted), { signal });
  }

  disconnectedCallback() {
    this.#lifetime?.abort();
    const active = this.#connection !== null;
    this.#teardown();
    if (active) this.#setState('ended', 'Start a new session');
  }

  /** Starts a session (also what Reconnect does: every start mints a fresh client secret). */
  start() {
    return this.#begin(this.transport);
  }

  /** @param {Transport} transport */
  async #begin(transport) {
    if (this.#connection) return;
    this.#releaseHold();
    this.#showMessage('');
    const problem = preflightError(window);
    if (problem) {
      this.#fail(problem);
      return;
    }
    this.#transcript.clear();
    this.#log.clear();
    this.#userSpeaking = this.#assistantAudio = this.#responding = this.#relayed = false;
    this.#ui.relay.hidden = true;
    this.#setMuted(false);
    this.#clock.reset();
    this.#setState('connecting');
    const meters = this.#meters = new LevelMeters();
    const connection = this.#connection = new SessionConnection({
      apiBase: this.apiBase, sessionTimeoutMs: this.sessionTimeoutMs, transport, webRtcTimeoutMs: this.webRtcTimeoutMs,
    });
    connection.addEventListener('log', (e) => this.#log.add(/** @type {CustomEvent} */ (e).detail));
    connection.addEventListener('local-stream', (e) => meters.attach(/** @type {CustomEvent} */ (e).detail, this.#ui.localMeter));
    connection.addEventListener('remote-stream', (e) => {
      const stream = /** @type {CustomEvent} */ (e).detail;
      this.#ui.audio.srcObject = stream;
      meters.attach(stream, this.#ui.remoteMeter);
    });
    connection.addEventListener('server-event', (e) => this.#onServerEvent(/** @type {CustomEvent} */ (e).detail));
    connection.addEventListener('call', (e) => { this.#clock.endsAt = /** @type {CustomEvent} */ (e).detail.endsAt; });
    connection.addEventListener('relay', () => {
      this.#relayed = true;
      this.#renderStatus();
    });
    connection.addEventListener('lost', (e) => this.#fail(/** @type {CustomEvent} */ (e).detail.error, 'ended'));
    try {
      await connection.open();
    } catch (e) {
      if (this.#connection === connection) this.#fail(e);
      return;
    }
    if (this.#connection !== connection) return;
    this.#clock.start();
    this.#setState(this.#activity());
  }

  /** Ends the session: the microphone is released, the channel and the peer connection closed. */
  stop() {
    if (!this.#connection) return;
    this.#teardown();
    this.#showMessage('The session has ended. The microphone is off.', 'info');
    this.#setState('ended', 'Start a new session');
  }

  /** @param {any} event */
  #onServerEvent(event) {
    this.#transcript.handle(event);
    switch (event.type) {
      case 'input_audio_buffer.speech_started': this.#userSpeaking = true; break;
      case 'input_audio_buffer.speech_stopped': this.#userSpeaking = false; break;
      case 'output_audio_buffer.started': this.#assistantAudio = true; break;
      case 'output_audio_buffer.stopped':
      case 'output_audio_buffer.cleared': this.#assistantAudio = false; break;
      case 'response.created': this.#responding = true; break;
      case 'response.done': this.#responding = false; break;
      case 'error': this.#onProviderError(event.error || {}); return;
      default: return;
    }
    if (this.#state !== 'connecting' && this.#connection) this.#setState(this.#activity());
  }

  /** Who is talking, from the speaking events seen so far. @returns {SessionState} */
  #activity() {
    if (this.#userSpeaking) return 'user-speaking';
    return this.#assistantAudio || this.#responding ? 'assistant-speaking' : 'listening';
  }

  /** @param {{code?: string, message?: string}} error */
  #onProviderError(error) {
    if (this.#state === 'connecting') return; // the handshake turns it into the failure shown
    if (/expired/.test(error.code || '')) {
      this.#fail(new VoiceSessionError('session_expired',
        'The session reached its time limit and was ended by the voice service. Press Reconnect to start a new one.'), 'ended');
      return;
    }
    this.#showMessage(providerEventError(error, false).message, 'warning');
  }

  /**
   * @param {unknown} error
   * @param {'error' | 'ended'} [state]
   */
  #fail(error, state = 'error') {
    const hadFocus = this.#teardown();
    const failure = error instanceof VoiceSessionError ? error
      : new VoiceSessionError('unexpected', 'The voice session failed unexpectedly. Press Reconnect; if it happens again, reload the page.',
        { cause: error });
    this.#showMessage(failure.message, state === 'error' ? 'error' : 'warning');
    this.#setState(state, 'Reconnect', failure.message);
    if (failure.retryAfterSeconds) this.#releaseHold = holdReconnect(this.#ui.start, failure.retryAfterSeconds);
    if (failure.code === 'webrtc_blocked') this.#offerRelay(hadFocus);
  }

  /**
   * WebRTC could not connect and the tenant lets the user choose: the relay is one press away.
   * @param {boolean} focus whether the user was on a button that just went away: lead them to the way on
   */
  #offerRelay(focus) {
    this.#ui.relay.hidden = false;
    if (focus) queueMicrotask(() => this.#ui.relay.focus());
  }

  /** @returns {boolean} whether the focus was on Stop or Mute, which go away (it moves to Start) */
  #teardown() {
    const focused = this.shadowRoot?.activeElement;
    this.#connection?.close();
    this.#connection = null;
    this.#meters?.close();
    this.#meters = null;
    this.#ui.audio.srcObject = null;
    this.#clock.stop();
    this.#releaseHold();
    this.#ui.start.disabled = false;
    const refocus = focused === this.#ui.stop || focused === this.#ui.mute;
    if (refocus) queueMicrotask(() => this.#ui.start.focus());
    return refocus;
  }

  /**
   * @param {SessionState} state
   * @param {string} [startLabel] what the start button says once the session is over
   * @param {string} [message]
   */
  #setState(state, startLabel, message) {
    const active = state !== 'idle' && state !== 'ended' && state !== 'error';
    const focusStop = active && this.shadowRoot?.activeElement === this.#ui.start;
    if (startLabel) this.#ui.start.textContent = startLabel;
    this.#ui.start.hidden = active;
    this.#ui.stop.hidden = !active;
    this.#ui.mute.hidden = !active || state === 'connecting';
    this.#ui.panel.dataset.state = state;
    if (focusStop) this.#ui.stop.focus();
    const changed = state !== this.#state;
    this.#state = state;
    this.#renderStatus();
    if (changed) {
      this.dispatchEvent(new CustomEvent('voice-session-state', { detail: { state, message }, bubbles: true, composed: true }));
    }
  }

  /** @param {boolean} muted */
  #setMuted(muted) {
    this.#muted = muted;
    this.#connection?.setMuted(muted);
    this.#ui.mute.setAttribute('aria-pressed', String(muted));
    this.#renderStatus();
  }

  #renderStatus() {
    const live = this.#connection !== null;
    this.#ui.status.textContent = statusText(this.#state, live && this.#relayed, live && this.#muted);
  }

  /** @param {string} text @param {'error' | 'warning' | 'info'} [kind] */
  #showMessage(text, kind = 'error') {
    this.#ui.message.textContent = text;
    this.#ui.message.dataset.kind = kind;
    this.#ui.message.hidden = !text;
  }
}
