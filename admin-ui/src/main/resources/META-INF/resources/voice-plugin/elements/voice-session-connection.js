// One voice session with the Realtime API (GA) over WebRTC: mints a client secret through the
// plugin API, opens the microphone, exchanges SDP with the provider and has the tenant's settings
// confirmed on the "oai-events" data channel. Every fetch and listener hangs off one
// AbortController, so close() releases the microphone, the channel and the peer connection at once.

import { callApi } from './api.js';
import {
  VoiceSessionError, hostOf, mintError, notAnAnswerError, providerEventError, providerUnreachableError, sdpRejectedError,
} from './voice-session-errors.js';
import {
  aborted, answerAndConfirm, emit, handshakeTimeoutError, iceServers, log, mark, muteTracks, receiveServerEvent, sendEvent,
  startMicrophone, stopTracks, swapMicrophone, timedHandshake,
} from './voice-session-peer.js';

/** A client secret with less validity than this is replaced before the offer is sent. */
const SECRET_MARGIN_S = 5;
/** "disconnected" often heals by itself (Wi-Fi hiccup); only after this long is the session lost. */
const DISCONNECT_GRACE_MS = 3000;

/**
 * @typedef {{provider: string, model: string, clientSecret: string, expiresAt: number, webrtcUrl: string,
 *   sessionUpdate: {type: 'session.update', session: object}, iceServers?: Array<{urls: string | string[],
 *   username?: string | null, credential?: string | null}>, settingsVersion?: number}} MintedSession
 * @typedef {{direction: 'in' | 'out' | 'info', type: string, text?: string}} LogEntry
 */

/**
 * Events: "log" (detail LogEntry), "local-stream" / "remote-stream" (detail MediaStream),
 * "server-event" (detail: the parsed provider event), "lost" (detail {error: VoiceSessionError}).
 */
export class RealtimeConnection extends EventTarget {
  #apiBase;
  #timeoutMs;
  #connectTimeoutMs;
  #audio;
  #abort = new AbortController();
  /** @type {MediaStream | null} */ #local = null;
  /** @type {RTCPeerConnection | null} */ #pc = null;
  /** @type {RTCDataChannel | null} */ #channel = null;
  /** @type {MintedSession['sessionUpdate'] | null} */ #sessionUpdate = null;
  /** @type {{resolve: (value?: unknown) => void, reject: (e: Error) => void, confirmable: boolean} | null} */ #handshake = null;
  #established = false;
  #closed = false;
  #graceTimer = 0;

  /**
   * @param {{apiBase: string, sessionTimeoutMs: number, connectTimeoutMs?: number, audio?: import('./voice-session-peer.js').MicrophoneChoice}} options
   *   connectTimeoutMs: see watchConnection; audio: the microphone to open
   */
  constructor({ apiBase, sessionTimeoutMs, connectTimeoutMs = 0, audio = true }) {
    super();
    this.#apiBase = apiBase;
    this.#timeoutMs = sessionTimeoutMs;
    this.#connectTimeoutMs = connectTimeoutMs;
    this.#audio = audio;
  }

  /**
   * Connects; resolves once the provider confirmed the settings (session.updated).
   * Rejects with a VoiceSessionError, or an AbortError after close().
   */
  async open() {
    const signal = this.#abort.signal;
    mark('start');
    let minted = await this.#mint(signal);
    this.#sessionUpdate = minted.sessionUpdate;

    const stream = this.#local = await startMicrophone(this, () => this.#closed, this.#audio);

    const pc = this.#pc = new RTCPeerConnection({ iceServers: iceServers(minted.iceServers) });
    for (const track of stream.getAudioTracks()) pc.addTrack(track, stream);
    pc.addEventListener('track', (e) => emit(this, 'remote-stream', e.streams[0] || new MediaStream([e.track])), { signal });
    pc.addEventListener('connectionstatechange', () => this.#onConnectionState(), { signal });
    const channel = this.#channel = pc.createDataChannel('oai-events');
    channel.addEventListener('open', () => this.#onChannelOpen(), { signal });
    channel.addEventListener('message', (e) => this.#onMessage(e.data), { signal });
    channel.addEventListener('close', () => this.#lose('The data channel to the voice service was closed.'), { signal });

    const offer = await pc.createOffer();
    await pc.setLocalDescription(offer);
    this.#throwIfClosed();
    if (minted.expiresAt - SECRET_MARGIN_S <= Date.now() / 1000) {
      log(this, 'info', 'client secret expired', 'minting a fresh one before connecting');
      minted = await this.#mint(signal);
      this.#sessionUpdate = minted.sessionUpdate;
    }
    const answer = await this.#exchangeSdp(minted, offer.sdp || '', signal);
    const handshake = this.#confirmation(!/[?&]webrtcfilter=on\b/.test(minted.webrtcUrl));
    await answerAndConfirm(pc, answer, handshake, { isClosed: () => this.#closed, connectTimeoutMs: this.#connectTimeoutMs, signal });
    this.#established = true;
    mark('session-updated');
  }

  /** @param {boolean} muted */
  setMuted(muted) {
    muteTracks(this.#local, muted);
  }

  /** @param {import('./voice-session-peer.js').MicrophoneChoice} audio */
  async useMicrophone(audio) {
    this.#local = await swapMicrophone(this, () => this.#closed, audio, this.#pc, this.#local);
  }

  /** @param {object} event a client event, sent as JSON on the data channel */
  send(event) {
    return sendEvent(this, this.#channel, this.#channel?.readyState === 'open', event);
  }

  /** Stops every track and closes the channel and the peer connection. Safe to call twice. */
  close() {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#graceTimer);
    this.#handshake?.reject(aborted());
    this.#abort.abort();
    if (this.#local) stopTracks(this.#local);
    this.#channel?.close();
    for (const receiver of this.#pc?.getReceivers() || []) receiver.track?.stop();
    this.#pc?.close();
  }

  /** @param {AbortSignal} signal @returns {Promise<MintedSession>} */
  async #mint(signal) {
    let body;
    try {
      ({ body } = await callApi(this.#apiBase, 'realtime-session', { method: 'POST', signal }));
    } catch (e) {
      this.#throwIfClosed();
      throw mintError(e);
    }
    if (!body || typeof body.clientSecret !== 'string' || typeof body.webrtcUrl !== 'string'
        || body.sessionUpdate?.type !== 'session.update') {
      throw new VoiceSessionError('mint_incomplete',
        'The server answered without a usable voice session; the page and the server may be different versions. Reload the page, then start again.');
    }
    const validFor = Math.round(Number(body.expiresAt) - Date.now() / 1000);
    const validity = Number.isFinite(validFor) ? ` · key valid ${validFor} s` : '';
    log(this, 'info', 'session prepared', `${body.provider} · ${body.model} · settings v${body.settingsVersion ?? '?'}${validity}`);
    mark('minted');
    return body;
  }

  /** @param {MintedSession} minted @param {string} sdp @param {AbortSignal} signal */
  async #exchangeSdp(minted, sdp, signal) {
    const host = hostOf(minted.webrtcUrl);
    let response;
    try {
      response = await fetch(minted.webrtcUrl, {
        method: 'POST', body: sdp, signal, cache: 'no-store',
        headers: { Authorization: `Bearer ${minted.clientSecret}`, 'Content-Type': 'application/sdp' },
      });
    } catch (e) {
      this.#throwIfClosed();
      throw providerUnreachableError(host, e);
    }
    if (!response.ok) {
      const error = await sdpRejectedError(response, host);
      log(this, 'info', 'offer refused', `HTTP ${response.status}${error.providerCode ? ' · ' + error.providerCode : ''}`);
      throw error;
    }
    const answer = await response.text();
    if (!answer.trimStart().startsWith('v=')) throw notAnAnswerError(response.status, host);
    const call = response.headers.get('Location')?.split('/').pop();
    log(this, 'info', 'call accepted', `HTTP ${response.status}${call ? ' · ' + call : ''}`);
    mark('answer');
    return answer;
  }

  /** @param {boolean} confirmable false when the provider filters session.updated out (Azure webrtcfilter=on) */
  #confirmation(confirmable) {
    const handshake = timedHandshake(this.#timeoutMs,
      () => handshakeTimeoutError(this.#timeoutMs, this.#channel?.readyState === 'open', 'confirm the session settings'),
      () => { this.#handshake = null; });
    this.#handshake = { resolve: handshake.resolve, reject: handshake.reject, confirmable };
    return handshake;
  }

  #onChannelOpen() {
    mark('channel-open');
    log(this, 'info', 'data channel open', 'sending the tenant settings');
    if (this.#sessionUpdate) this.send(this.#sessionUpdate);
    if (this.#handshake && !this.#handshake.confirmable) this.#handshake.resolve();
  }

  /** @param {unknown} data */
  #onMessage(data) {
    const event = receiveServerEvent(this, data);
    if (event?.type === 'session.updated') {
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

  /** @param {string} message */
  #lose(message) {
    if (this.#closed) return;
    const error = new VoiceSessionError('connection_lost', message + ' Press Reconnect to start a new session.');
    if (this.#handshake) {
      this.#handshake.reject(error);
    } else if (this.#established) {
      emit(this, 'lost', { error });
    }
  }

  #throwIfClosed() {
    if (this.#closed) throw aborted();
  }
}
