// One voice session in server mode: the browser POSTs its SDP offer to the plugin server, which
// starts the call at the provider and configures it over its own connection (the sideband). So the
// browser holds no client secret, sends no session.update and never gets the tenant's settings;
// the session is ready when the provider says session.created (or session.updated), or, for GPT-Live
// (options.api "live"), session.started and nothing else. Same contract as RealtimeConnection, plus a
// "call" event (detail {id, endsAt}) and a hang-up on close().

import { ApiError, callApi } from './api.js';
import { VoiceSessionError, callAnswerError, callEndedError, mintError, providerEventError } from './voice-session-errors.js';
import {
  aborted, answerAndConfirm, emit, handshakeTimeoutError, iceServers, localEndsAt, log, mark, muteTracks, receiveServerEvent,
  sendEvent, serverClockOffset, startMicrophone, stopTracks, swapMicrophone, timedHandshake,
} from './voice-session-peer.js';

/** "disconnected" often heals by itself (Wi-Fi hiccup); only after this long is the session lost. */
const DISCONNECT_GRACE_MS = 3000;
/** After a drop, how often and how far apart to ask whether the server ended the call (it may lag the provider). */
const ENDED_CHECKS = 3;
const ENDED_CHECK_PAUSE_MS = 600;

/** The tenant connects from the browser after all (409 connection_mode_browser): use the mint flow. */
export class BrowserModeRequested extends Error {}

/**
 * api: "live" for GPT-Live (its own events), else the Realtime API; browserEvents: what GPT-Live lets the browser send.
 * relay: whether the widget may fall back to the WebSocket relay. pushToTalk, userTranscription, transcriptStorage:
 * what the element offers and says (voice-session-options.js).
 * @typedef {{mode: string, iceServers?: import('./voice-session-peer.js').ApiIceServers, maxCallSeconds?: number,
 *   api?: string, browserEvents?: string[], relay?: 'off' | 'offer' | 'automatic', pushToTalk?: string,
 *   userTranscription?: boolean, transcriptStorage?: {enabled?: boolean, retentionDays?: number}}} CallOptions
 */

export class ServerCallConnection extends EventTarget {
  #apiBase;
  #timeoutMs;
  #connectTimeoutMs;
  #options;
  #audio;
  #abort = new AbortController();
  /** @type {MediaStream | null} */ #local = null;
  /** @type {RTCPeerConnection | null} */ #pc = null;
  /** @type {RTCDataChannel | null} */ #channel = null;
  /** @type {{resolve: (value?: unknown) => void, reject: (e: Error) => void} | null} */ #handshake = null;
  #callId = '';
  /** The server already ended the call: nothing to hang up. */
  #ended = false;
  #established = false;
  #closed = false;
  #losing = false;
  #graceTimer = 0;

  /**
   * @param {{apiBase: string, sessionTimeoutMs: number, connectTimeoutMs?: number, options: CallOptions,
   *   audio?: import('./voice-session-peer.js').MicrophoneChoice}} init connectTimeoutMs: see watchConnection
   */
  constructor({ apiBase, sessionTimeoutMs, connectTimeoutMs = 0, options, audio = true }) {
    super();
    this.#audio = audio;
    this.#apiBase = apiBase;
    this.#timeoutMs = sessionTimeoutMs;
    this.#connectTimeoutMs = connectTimeoutMs;
    this.#options = options;
  }

  /** Connects; resolves on the provider's first session event. Rejects with a VoiceSessionError, BrowserModeRequested, or AbortError after close(). */
  async open() {
    const signal = this.#abort.signal;
    mark('start');
    const stream = this.#local = await startMicrophone(this, () => this.#closed, this.#audio);

    const pc = this.#pc = new RTCPeerConnection({ iceServers: iceServers(this.#options.iceServers) });
    for (const track of stream.getAudioTracks()) pc.addTrack(track, stream);
    pc.addEventListener('track', (e) => emit(this, 'remote-stream', e.streams[0] || new MediaStream([e.track])), { signal });
    pc.addEventListener('connectionstatechange', () => this.#onConnectionState(), { signal });
    const channel = this.#channel = pc.createDataChannel('oai-events');
    channel.addEventListener('open', () => log(this, 'info', 'data channel open', 'the server configured the session'), { signal });
    channel.addEventListener('message', (e) => this.#onMessage(e.data), { signal });
    channel.addEventListener('close', () => this.#lose('The data channel to the voice service was closed.'), { signal });
    // Closing the tab fires no disconnectedCallback: hang up anyway, so the call stops counting.
    window.addEventListener('pagehide', () => this.close(), { signal });

    const offer = await pc.createOffer();
    await pc.setLocalDescription(offer);
    this.#throwIfClosed();
    const answer = await this.#createCall(offer.sdp || '', signal);
    await answerAndConfirm(pc, answer, this.#confirmation(),
      { isClosed: () => this.#closed, connectTimeoutMs: this.#connectTimeoutMs, signal });
    this.#established = true;
    mark('session-created');
  }

  /**
   * Disables the outgoing track; the microphone stays open for a quick unmute. GPT-Live also hears
   * of it (it then knows the silence is a mute), when its allow-list lets the browser say so.
   * @param {boolean} muted
   */
  setMuted(muted) {
    muteTracks(this.#local, muted);
    const event = muted ? 'session.input_audio.mute' : 'session.input_audio.unmute';
    if (this.#live && this.#established && this.#options.browserEvents?.includes(event)) this.send({ type: event });
  }

  get #live() {
    return this.#options.api === 'live';
  }

  /** @param {import('./voice-session-peer.js').MicrophoneChoice} audio */
  async useMicrophone(audio) {
    this.#local = await swapMicrophone(this, () => this.#closed, audio, this.#pc, this.#local);
  }

  /** @param {object} event a client event, sent as JSON on the data channel */
  send(event) {
    return sendEvent(this, this.#channel, this.#channel?.readyState === 'open', event);
  }

  /** Hangs up at the server (fire and forget), stops every track, closes channel and peer. Safe to call twice. */
  close() {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#graceTimer);
    this.#handshake?.reject(aborted());
    this.#abort.abort();
    if (this.#callId && !this.#ended) {
      // keepalive: the request outlives the page when this runs on the way out.
      callApi(this.#apiBase, `realtime-calls/${encodeURIComponent(this.#callId)}`, { method: 'DELETE', keepalive: true })
        .catch(() => {}); // the server also notices the dropped peer; nothing to show
    }
    if (this.#local) stopTracks(this.#local);
    this.#channel?.close();
    for (const receiver of this.#pc?.getReceivers() || []) receiver.track?.stop();
    this.#pc?.close();
  }

  /** @param {string} sdp @param {AbortSignal} signal @returns {Promise<string>} the SDP answer */
  async #createCall(sdp, signal) {
    let reply;
    try {
      reply = await callApi(this.#apiBase, 'realtime-calls', {
        method: 'POST', body: sdp, contentType: 'application/sdp', signal,
        headers: { Accept: 'application/sdp, application/problem+json' },
      });
    } catch (e) {
      this.#throwIfClosed();
      if (e instanceof ApiError && e.code === 'connection_mode_browser') throw new BrowserModeRequested();
      if (e instanceof ApiError) log(this, 'info', 'call refused', `HTTP ${e.status} · ${e.code}`);
      throw mintError(e); // the server's detail and hint, and its Retry-After counted down, as for a mint
    }
    this.#callId = reply.headers.get('Location')?.split('/').pop() || '';
    const answer = typeof reply.body === 'string' ? reply.body : '';
    if (!answer.trimStart().startsWith('v=')) throw callAnswerError(reply.status);
    // X-Call-Ends-At is unix seconds on the server's clock; its Date header corrects a clock that is off.
    const endsAt = localEndsAt(Number(reply.headers.get('X-Call-Ends-At')) * 1000, serverClockOffset(reply.headers),
      this.#options.maxCallSeconds);
    log(this, 'info', 'call started', `HTTP ${reply.status}${this.#callId ? ' · ' + this.#callId : ''}`);
    emit(this, 'call', { id: this.#callId, endsAt });
    mark('answer');
    return answer;
  }

  #confirmation() {
    const handshake = timedHandshake(this.#timeoutMs,
      () => handshakeTimeoutError(this.#timeoutMs, this.#channel?.readyState === 'open', 'start the session'),
      () => { this.#handshake = null; });
    this.#handshake = { resolve: handshake.resolve, reject: handshake.reject };
    return handshake;
  }

  /** @param {unknown} data */
  #onMessage(data) {
    const event = receiveServerEvent(this, data);
    if (!event) return;
    // GPT-Live says session.started once the session runs; a session.updated there answers a change, not the start.
    if (this.#live ? event.type === 'session.started' : event.type === 'session.created' || event.type === 'session.updated') {
      this.#handshake?.resolve();
    } else if (event?.type === 'error' && this.#handshake) {
      this.#handshake.reject(providerEventError(event.error, true));
    }
  }

  #onConnectionState() {
    const state = this.#pc?.connectionState;
    log(this, 'info', 'connection ' + state);
    clearTimeout(this.#graceTimer);
    if (state === 'failed' || state === 'closed') {
      this.#lose('The connection to the voice service was lost.');
    } else if (state === 'disconnected') {
      this.#graceTimer = window.setTimeout(() => this.#lose('The connection to the voice service was lost.'), DISCONNECT_GRACE_MS);
    }
  }

  /** The call dropped: if the server ended it, say why; otherwise it is a lost connection. @param {string} message */
  async #lose(message) {
    if (this.#closed || this.#losing) return;
    const lost = new VoiceSessionError('connection_lost', message + ' Press Reconnect to start a new session.');
    if (this.#handshake) {
      this.#handshake.reject(lost);
      return;
    }
    if (!this.#established) return;
    this.#losing = true;
    const call = await this.#endedCall();
    if (this.#closed) return;
    emit(this, 'lost', { error: call ? callEndedError(call.endReason) : lost });
  }

  /** @returns {Promise<{endReason?: string | null} | null>} the call if the server says it ended */
  async #endedCall() {
    if (!this.#callId) return null;
    for (let i = 0; i < ENDED_CHECKS && !this.#closed; i++) {
      if (i) await new Promise((r) => setTimeout(r, ENDED_CHECK_PAUSE_MS));
      try {
        const { body } = await callApi(this.#apiBase, `realtime-calls/${encodeURIComponent(this.#callId)}`,
          { signal: this.#abort.signal });
        if (body?.status === 'ended') {
          this.#ended = true;
          log(this, 'info', 'call ended by the server', String(body.endReason ?? ''));
          return body;
        }
      } catch {
        return null; // cannot tell: report the lost connection
      }
    }
    return null;
  }

  #throwIfClosed() {
    if (this.#closed) throw aborted();
  }
}

