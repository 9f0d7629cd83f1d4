// One voice session through the plugin's WebSocket relay, for networks where WebRTC cannot connect:
// the audio travels as PCM16 in JSON over one socket to the platform's own origin, and the plugin
// holds the provider connection, the key and the tenant's settings (issue #12's contract; README:
// "The WebSocket relay"). Same contract as the WebRTC transports, "call" included. The playback worklet plays the part of
// WebRTC's output audio buffer, so this transport reports output_audio_buffer.started, .stopped and
// .cleared as the provider does on WebRTC, and the element follows who is speaking one way for both.

import { ApiError, callApi } from './api.js';
import { mintError, providerEventError, token } from './voice-session-errors.js';
import {
  aborted, emit, handshakeTimeoutError, localEndsAt, log, mark, muteTracks, receiveServerEvent, sendEvent, serverClockOffset,
  startMicrophone, stopTracks, timedHandshake,
} from './voice-session-peer.js';
import { RelayAudio } from './voice-session-relay-audio.js';
import { relayClosedError, relayUnreachableError, ticketIncompleteError } from './voice-session-relay-errors.js';

/** Microphone audio waiting in the socket beyond this is dropped: a stalled network must not grow the page. */
const MAX_BUFFERED_BYTES = 256 * 1024;

export class RelayConnection extends EventTarget {
  #apiBase;
  #timeoutMs;
  #microphone;
  #abort = new AbortController();
  #audio = new RelayAudio({ onFrame: (audio) => this.#sendAudio(audio), onPlayback: (report) => this.#onPlayback(report) });
  /** @type {MediaStream | null} */ #local = null;
  /** @type {WebSocket | null} */ #socket = null;
  /** @type {{resolve: (value?: unknown) => void, reject: (e: Error) => void} | null} */ #handshake = null;
  /** From the ticket answer's Date: puts the call's end on this browser's clock. */ #clockOffset = 0;
  #maxCallSeconds = 0;
  /** Items cut off by a barge-in: their late deltas are not played. @type {Set<string>} */ #cut = new Set();
  #opened = false;
  #established = false;
  #closed = false;
  #muted = false;
  #dropping = false;

  /** @param {{apiBase: string, sessionTimeoutMs: number, audio?: import('./voice-session-peer.js').MicrophoneChoice}} options */
  constructor({ apiBase, sessionTimeoutMs, audio = true }) {
    super();
    this.#apiBase = apiBase;
    this.#timeoutMs = sessionTimeoutMs;
    this.#microphone = audio;
  }

  /**
   * Connects; resolves once the provider confirmed the tenant's session (session.updated).
   * Rejects with a VoiceSessionError, or an AbortError after close().
   */
  async open() {
    const signal = this.#abort.signal;
    mark('start');
    const stream = this.#local = await startMicrophone(this, () => this.#closed, this.#microphone);
    await this.#audio.start(stream);
    this.#throwIfClosed();
    if (this.#audio.stream) emit(this, 'remote-stream', this.#audio.stream);
    // The ticket lives 30 s: ask for it only once the microphone prompt is behind us.
    const url = await this.#ticket(signal);
    const confirmed = this.#confirmation();
    this.#connect(url, signal);
    await confirmed;
    this.#established = true;
    mark('session-updated');
  }

  /** @param {boolean} muted stops sending audio; the track is disabled too, so the level meter shows it */
  setMuted(muted) {
    this.#muted = muted;
    muteTracks(this.#local, muted);
  }

  /** @param {object} event a client event, sent as JSON on the socket */
  send(event) {
    return sendEvent(this, this.#socket, this.#socket?.readyState === WebSocket.OPEN, event);
  }

  /** The capture worklet listens to another microphone from now on; the old one stops. @param {import('./voice-session-peer.js').MicrophoneChoice} audio */
  async useMicrophone(audio) {
    const stream = await startMicrophone(this, () => this.#closed, audio);
    this.#audio.listenTo(stream);
    if (this.#local) stopTracks(this.#local);
    this.#local = stream;
  }

  /**
   * The user interrupts the assistant (push-to-talk, typing): the relay has no output_audio_buffer.clear
   * (that is WebRTC's, where the provider plays the audio), so playback stops here and the provider
   * hears how much was played, as on a barge-in.
   */
  clearOutput() {
    this.#bargeIn();
  }

  /** Closes the socket with 1000 (the plugin then ends the call), stops the microphone and the audio. Safe to call twice. */
  close() {
    if (this.#closed) return;
    this.#closed = true;
    this.#handshake?.reject(aborted());
    this.#abort.abort();
    if (this.#socket && this.#socket.readyState <= WebSocket.OPEN) this.#socket.close(1000);
    if (this.#local) stopTracks(this.#local);
    this.#audio.close();
  }

  /** @param {AbortSignal} signal @returns {Promise<URL>} where the socket goes */
  async #ticket(signal) {
    let reply;
    try {
      reply = await callApi(this.#apiBase, 'realtime-relay/tickets', { method: 'POST', body: {}, signal });
    } catch (e) {
      this.#throwIfClosed();
      if (!(e instanceof ApiError)) throw mintError(e);
      log(this, 'info', 'relay refused', `HTTP ${e.status} · ${e.code}`);
      if (e.status === 404 && !e.problem.code) throw relayUnreachableError();
      throw mintError(e); // the server's detail and hint, and its Retry-After counted down, as for a call
    }
    const { body } = reply;
    const audio = body?.audio;
    if (typeof body?.url !== 'string' || (audio && (audio.format !== 'audio/pcm' || Number(audio.rate) !== 24000))) {
      throw ticketIncompleteError();
    }
    this.#clockOffset = serverClockOffset(reply.headers);
    this.#maxCallSeconds = Number(body.maxCallSeconds);
    mark('ticket');
    // The path is the server's; its origin is the API's, which is the page's unless api-base names another.
    const url = new URL(body.url, new URL(this.#apiBase, location.href));
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    return url;
  }

  #confirmation() {
    const handshake = timedHandshake(this.#timeoutMs,
      () => (this.#opened ? handshakeTimeoutError(this.#timeoutMs, true, 'confirm the session settings') : relayUnreachableError()),
      () => { this.#handshake = null; });
    this.#handshake = { resolve: handshake.resolve, reject: handshake.reject };
    return handshake.promise;
  }

  /** @param {URL} url @param {AbortSignal} signal */
  #connect(url, signal) {
    const socket = this.#socket = new WebSocket(url);
    socket.addEventListener('open', () => {
      this.#opened = true;
      mark('socket-open');
      log(this, 'info', 'relay open', 'the server is starting the session');
    }, { signal });
    socket.addEventListener('message', (e) => this.#onMessage(e.data), { signal });
    socket.addEventListener('close', (e) => this.#onClose(e.code, e.reason), { signal });
  }

  /** @param {unknown} data */
  #onMessage(data) {
    const event = receiveServerEvent(this, data);
    switch (event?.type) {
      case 'relay.call': {
        const endsAt = Date.parse(event.endsAt);
        emit(this, 'call', { id: String(event.callId ?? ''), endsAt: localEndsAt(endsAt, this.#clockOffset, this.#maxCallSeconds) });
        break;
      }
      case 'session.updated': this.#handshake?.resolve(); break;
      case 'error': this.#handshake?.reject(providerEventError(event.error, true)); break;
      case 'response.output_audio.delta': this.#play(event); break;
      case 'input_audio_buffer.speech_started': this.#bargeIn(); break;
      default:
    }
  }

  /** @param {{item_id?: unknown, delta?: unknown}} event */
  #play(event) {
    const item = String(event.item_id ?? '');
    if (typeof event.delta !== 'string' || this.#cut.has(item)) return;
    try {
      this.#audio.play(item, event.delta);
    } catch {
      log(this, 'in', 'unreadable audio');
    }
  }

  /** The user speaks over the assistant: silence it now, and tell the provider how much of its answer was heard. */
  async #bargeIn() {
    const cut = await this.#audio.flush();
    if (!cut?.itemId || this.#closed) return;
    this.#cut.add(cut.itemId);
    this.send({ type: 'conversation.item.truncate', item_id: cut.itemId, content_index: 0, audio_end_ms: Math.floor(cut.playedMs) });
  }

  /** @param {import('./voice-session-relay-audio.js').PlaybackReport} report */
  #onPlayback(report) {
    if (report.type === 'overflow') {
      log(this, 'info', 'playback buffer full', 'the rest of this answer is not played');
      return;
    }
    if (report.type === 'stopped') {
      for (const [item, ms] of Object.entries(report.played)) log(this, 'info', 'played', `${Math.round(ms)} ms of ${item}`);
    }
    const type = { started: 'output_audio_buffer.started', stopped: 'output_audio_buffer.stopped', flushed: 'output_audio_buffer.cleared' };
    // A flush names the item it cut off (not a field of the provider's event): the transcript marks it interrupted.
    emit(this, 'server-event', { type: type[report.type], item_id: report.type === 'flushed' ? report.itemId : undefined });
  }

  /** @param {string} audio base64 PCM16 24 kHz */
  #sendAudio(audio) {
    const socket = this.#socket;
    if (!this.#established || this.#muted || socket?.readyState !== WebSocket.OPEN) return;
    if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      if (!this.#dropping) log(this, 'info', 'microphone audio dropped', 'the network is not keeping up');
      this.#dropping = true;
      return;
    }
    this.#dropping = false;
    socket.send(JSON.stringify({ type: 'input_audio_buffer.append', audio }));
  }

  /** @param {number} code @param {string} reason */
  #onClose(code, reason) {
    if (this.#closed) return;
    log(this, 'info', 'relay closed', [code, token(reason)].filter(Boolean).join(' · '));
    const error = relayClosedError(code, reason, this.#opened);
    if (this.#handshake) this.#handshake.reject(error);
    else if (this.#established) emit(this, 'lost', { error });
  }

  #throwIfClosed() {
    if (this.#closed) throw aborted();
  }
}
