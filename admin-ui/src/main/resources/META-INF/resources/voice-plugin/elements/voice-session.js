// <voice-session>: talk to the tenant's realtime voice assistant from the admin panel.
// Embedding (README, "Embedding the voice widget"): <script type="module" src=".../voice-session-define.js">
// </script> and <voice-session api-base="../api/v1"></voice-session>. Hosts can follow the
// "voice-session-state" event ({detail: {state, message}}) and "voice-session-usage" (detail: UsageDetail),
// both bubbling and composed. transport="webrtc|websocket|auto" (default auto) chooses WebRTC, the
// plugin's WebSocket relay, or WebRTC with the relay when WebRTC fails. Push-to-talk, the microphone
// picker, typing and live usage live in their own modules; this one wires them to the session.

import { VoiceSessionAttributes } from './voice-session-attributes.js';
import { VoiceSessionError, preflightError, providerEventError } from './voice-session-errors.js';
import { EventLog } from './voice-session-log.js';
import { SessionClock, holdReconnect } from './voice-session-clock.js';
import { DeviceControls } from './voice-session-devices.js';
import { LevelMeters } from './voice-session-meter.js';
import { SessionNotices } from './voice-session-notices.js';
import { fetchOptions, widgetOptions } from './voice-session-options.js';
import { PushToTalk } from './voice-session-ptt.js';
import { TranscriptView } from './voice-session-transcript.js';
import { SessionConnection } from './voice-session-transport.js';
import { listenForTyping, typedMessage } from './voice-session-typing.js';
import { UsageView } from './voice-session-usage.js';
import { TEMPLATE, statusText } from './voice-session-view.js';

/** @typedef {import('./voice-session-view.js').SessionState} SessionState */
/** @typedef {import('./voice-session-transport.js').Transport} Transport */

/** Provider errors that only say an interruption found nothing to interrupt: not worth a warning. */
const HARMLESS = new Set(['response_cancel_not_active']);

export class VoiceSession extends VoiceSessionAttributes {
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
  #ptt;
  #devices;
  #usage;
  #notices;
  /** What the tenant's options say (defaults until read). */
  #options = widgetOptions(null);
  /** The call's id in server mode and on the relay (its usage is polled); '' in browser mode. */
  #callId = '';

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.innerHTML = TEMPLATE;
    /** @param {string} selector */
    const $ = (selector) => /** @type {any} */ (root.querySelector(selector));
    $('link').href = new URL('voice-session.css', import.meta.url).href;
    this.#ui = {
      panel: $('.panel'), status: $('.status'), timer: $('.timer'), message: $('.message'),
      remaining: $('.remaining'), start: $('.start'), relay: $('.relay'), mute: $('.mute'), stop: $('.stop'), talk: $('.talk'),
      localMeter: $('meter.local'), remoteMeter: $('meter.remote'), audio: /** @type {HTMLAudioElement} */ ($('audio')),
      typing: /** @type {HTMLFormElement} */ ($('form.typing')), help: $('.help'),
    };
    this.#notices = new SessionNotices($('.stored'), $('.unheard'));
    this.#usage = new UsageView({ box: $('.usage'), tokens: $('.tokens'), cost: $('.cost'), left: $('.left') },
      (detail) => this.dispatchEvent(new CustomEvent('voice-session-usage', { detail, bubbles: true, composed: true })));
    this.#clock = new SessionClock(this.#ui.timer, this.#ui.remaining, (text) => this.#showMessage(text, 'warning'),
      (left) => this.#usage.showLeft(left));
    this.#transcript = new TranscriptView($('.transcript'), $('.empty'));
    this.#log = new EventLog($('.event-list'), $('.count'));
    this.#ptt = new PushToTalk($('input.ptt'), this.#ui.talk, {
      send: (event) => this.#connection?.send(event) ?? false,
      interrupt: () => this.#interrupt(),
      changed: () => this.#micChanged(),
      hint: (text) => this.#showMessage(text, 'info'),
    });
    this.#devices = new DeviceControls($('select.microphone'), $('input.volume'), this.#ui.audio, (audio) => this.#swapMicrophone(audio));
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
    this.#ptt.listen(signal);
    this.#devices.listen(signal);
    listenForTyping(this.#ui.typing, (text) => this.#sendText(text), signal);
    // The push-to-talk switch and the storage notice belong on the page before Start.
    fetchOptions(this.apiBase, signal).then((options) => { if (!signal.aborted && !this.#connection) this.#configure(options); });
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
    this.#usage.reset();
    this.#userSpeaking = this.#assistantAudio = this.#responding = this.#relayed = false;
    this.#notices.reset();
    this.#callId = '';
    this.#ui.relay.hidden = true;
    this.#clock.reset();
    this.#setState('connecting');
    const meters = this.#meters = new LevelMeters();
    const connection = this.#connection = new SessionConnection({
      apiBase: this.apiBase, sessionTimeoutMs: this.sessionTimeoutMs, transport, webRtcTimeoutMs: this.webRtcTimeoutMs,
      audio: this.#devices.choice(),
    });
    this.#setMuted(false);
    connection.addEventListener('log', (e) => this.#log.add(/** @type {CustomEvent} */ (e).detail));
    connection.addEventListener('options', (e) => this.#configure(widgetOptions(/** @type {CustomEvent} */ (e).detail)));
    connection.addEventListener('local-stream', (e) => {
      const stream = /** @type {CustomEvent<MediaStream>} */ (e).detail;
      // Push-to-talk: the microphone carries nothing until the button is held, from its first moment.
      for (const track of stream.getAudioTracks()) track.enabled = this.#micOpen();
      this.#devices.use(stream);
      meters.attach(stream, this.#ui.localMeter);
    });
    connection.addEventListener('remote-stream', (e) => {
      const stream = /** @type {CustomEvent} */ (e).detail;
      this.#ui.audio.srcObject = stream;
      meters.attach(stream, this.#ui.remoteMeter);
    });
    connection.addEventListener('server-event', (e) => this.#onServerEvent(/** @type {CustomEvent} */ (e).detail));
    connection.addEventListener('call', (e) => {
      const { id, endsAt } = /** @type {CustomEvent} */ (e).detail;
      this.#clock.endsAt = endsAt;
      this.#callId = id;
    });
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
    this.#ptt.begin();
    this.#micChanged();
    if (this.#callId) {
      this.#usage.poll(this.apiBase, this.#callId, this.usageIntervalMs, (endsAt) => { if (endsAt) this.#clock.endsAt = endsAt; });
    }
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
    this.#ptt.observe(event);
    if (!this.#callId) this.#usage.count(event);
    this.#notices.observe(event, this.#transcript.heardUser);
    this.#notices.render(true);
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

  /** Who is talking, from the speaking events seen so far (with push-to-talk: the button). @returns {SessionState} */
  #activity() {
    if (this.#userSpeaking || this.#ptt.held) return 'user-speaking';
    return this.#assistantAudio || this.#responding ? 'assistant-speaking' : 'listening';
  }

  /** @param {{code?: string, message?: string}} error */
  #onProviderError(error) {
    if (this.#state === 'connecting' || HARMLESS.has(error.code || '')) return; // the handshake turns it into the failure shown
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

  /** @returns {boolean} whether the focus was on a control that goes away with the session (it moves to Start) */
  #teardown() {
    const focused = this.shadowRoot?.activeElement;
    this.#connection?.close();
    this.#connection = null;
    this.#meters?.close();
    this.#meters = null;
    this.#ui.audio.srcObject = null;
    this.#clock.stop();
    this.#usage.stop();
    this.#devices.release();
    this.#ptt.end();
    this.#releaseHold();
    this.#ui.start.disabled = false;
    const refocus = [this.#ui.stop, this.#ui.mute, this.#ui.talk, this.#ui.typing.elements.namedItem('text')]
      .concat([...this.#ui.typing.querySelectorAll('button')]).includes(focused);
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
    // GPT-Live takes only mute and unmute from the browser: no typed messages there.
    this.#ui.typing.hidden = !active || state === 'connecting' || this.#options.live;
    this.#ui.help.hidden = this.#ui.talk.hidden;
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
    this.#ui.mute.setAttribute('aria-pressed', String(muted));
    this.#micChanged();
  }

  /** Whether the microphone should carry sound now: not muted, and with push-to-talk only while held. */
  #micOpen() {
    return !this.#muted && (!this.#ptt.active || this.#ptt.held);
  }

  /** Mute, push-to-talk or its button changed: the transport carries sound or not, the state follows. */
  #micChanged() {
    this.#connection?.setMuted(!this.#micOpen());
    if (this.#connection && this.#state !== 'connecting') this.#setState(this.#activity());
    else this.#renderStatus();
  }

  /** The tenant's options (as the page loads, and fresh for each session). @param {import('./voice-session-options.js').WidgetOptions} options */
  #configure(options) {
    this.#options = options;
    this.#ptt.configure(options.pushToTalk, options.live);
    this.#notices.configure(options);
    this.#renderStatus();
  }

  /** The user starts talking (push-to-talk) or typing over the assistant: it stops, and what it said is marked cut off. */
  #interrupt() {
    if (this.#responding) this.#connection?.send({ type: 'response.cancel' });
    if (this.#assistantAudio || this.#responding) this.#connection?.clearOutput();
  }

  /** @param {string} text @returns {boolean} whether it was sent */
  #sendText(text) {
    const connection = this.#connection;
    if (!connection || this.#state === 'connecting') return false;
    this.#interrupt();
    return typedMessage(text).every((event) => connection.send(event));
  }

  /** @param {import('./voice-session-peer.js').MicrophoneChoice} audio */
  async #swapMicrophone(audio) {
    const connection = this.#connection;
    if (!connection) return;
    try {
      await connection.useMicrophone(audio);
      connection.setMuted(!this.#micOpen());
    } catch (e) {
      if (this.#connection !== connection || /** @type {Error} */ (e)?.name === 'AbortError') return;
      this.#showMessage(e instanceof VoiceSessionError ? e.message : 'The microphone could not be changed. Pick another one, or press Stop.', 'warning');
    }
  }

  #renderStatus() {
    const live = this.#connection !== null;
    this.#ui.status.textContent = statusText(this.#state, live && this.#relayed, live && this.#muted, live && this.#ptt.active);
    this.#notices.render(this.#state !== 'idle');
  }

  /** @param {string} text @param {'error' | 'warning' | 'info'} [kind] */
  #showMessage(text, kind = 'error') {
    this.#ui.message.textContent = text;
    this.#ui.message.dataset.kind = kind;
    this.#ui.message.hidden = !text;
  }
}
