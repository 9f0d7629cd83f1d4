// What both transports of <voice-session> do the same way with the browser's media: open the
// microphone, turn ICE servers of the API into the browser's shape, stop tracks, and leave
// performance marks, apply the answer, time the handshake and read data-channel events. The
// transports differ only in how the SDP offer reaches the provider and what confirms the session.

import { VoiceSessionError, microphoneError } from './voice-session-errors.js';

/**
 * @typedef {Array<{urls: string | string[], username?: string | null, credential?: string | null}>} ApiIceServers
 */

/**
 * Opens the microphone. A permission prompt can stay open for long; if the session was closed
 * meanwhile, the stream is stopped at once and an AbortError thrown.
 * @param {() => boolean} isClosed
 * @returns {Promise<MediaStream>}
 */
export async function openMicrophone(isClosed) {
  let stream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ audio: true });
  } catch (e) {
    if (isClosed()) throw aborted();
    throw microphoneError(e);
  }
  if (isClosed()) {
    stopTracks(stream);
    throw aborted();
  }
  return stream;
}

/** The API's ICE servers in the browser's shape; null user/credential would become the text "null". */
/** @param {ApiIceServers | undefined} list @returns {RTCIceServer[]} */
export function iceServers(list) {
  if (!Array.isArray(list)) return [];
  return list.filter((s) => s && s.urls).map((s) => {
    /** @type {RTCIceServer} */
    const server = { urls: s.urls };
    if (s.username) server.username = s.username;
    if (s.credential) server.credential = s.credential;
    return server;
  });
}

/** @param {MediaStream} stream */
export function stopTracks(stream) {
  for (const track of stream.getTracks()) track.stop();
}

export function aborted() {
  return new DOMException('The voice session was closed.', 'AbortError');
}

/** Performance marks let a host (or a test) see where connection time goes. @param {string} name */
export function mark(name) {
  globalThis.performance?.mark?.('voice-session:' + name);
}

/**
 * Applies the provider's SDP answer. One this browser cannot use is provider_bad_answer; when the
 * session was closed meanwhile, the abort wins.
 * @param {RTCPeerConnection} pc @param {string} sdp @param {() => boolean} isClosed
 */
export async function applyAnswer(pc, sdp, isClosed) {
  try {
    await pc.setRemoteDescription({ type: 'answer', sdp });
  } catch (e) {
    if (isClosed()) throw aborted();
    throw new VoiceSessionError('provider_bad_answer',
      'The voice service sent a WebRTC answer this browser cannot use. Press Reconnect; if it happens again, try another browser.', { cause: e });
  }
}

/**
 * A handshake settled once, by the transport or by its timer.
 * @param {number} timeoutMs @param {() => Error} timeoutError @param {() => void} onSettled
 * @returns {{promise: Promise<void>, resolve: (value?: unknown) => void, reject: (error: unknown) => void}}
 */
export function timedHandshake(timeoutMs, timeoutError, onSettled) {
  /** @type {any} */
  let handle;
  const promise = new Promise((resolve, reject) => {
    const timer = setTimeout(() => handle.reject(timeoutError()), timeoutMs);
    /** @param {Function} settle */
    const finish = (settle) => (/** @type {any} */ value) => {
      clearTimeout(timer);
      onSettled();
      settle(value);
    };
    handle = { resolve: finish(resolve), reject: finish(reject) };
  });
  return { promise, resolve: handle.resolve, reject: handle.reject };
}

/**
 * Why a handshake timed out: no media path (no data channel), or a session never confirmed on it.
 * @param {number} timeoutMs @param {boolean} channelOpen @param {string} unconfirmed what did not happen, e.g. "start the session"
 */
export function handshakeTimeoutError(timeoutMs, channelOpen, unconfirmed) {
  const seconds = Math.round(timeoutMs / 100) / 10;
  return channelOpen
    ? new VoiceSessionError('session_not_confirmed',
      `The voice service did not ${unconfirmed} within ${seconds} s. Press Reconnect to try again.`)
    : new VoiceSessionError('connection_timeout',
      `No audio connection to the voice service was made within ${seconds} s; a firewall may be blocking WebRTC (UDP). `
      + 'Add a TURN server under ICE servers in the voice settings, then press Reconnect.');
}

/**
 * A data-channel message as a server event: null when it is not JSON, undefined when it has no type.
 * @param {unknown} data @returns {{type: string, [key: string]: any} | null | undefined}
 */
export function parseServerEvent(data) {
  let event;
  try {
    event = JSON.parse(String(data));
  } catch {
    return null;
  }
  return event && typeof event.type === 'string' ? event : undefined;
}
