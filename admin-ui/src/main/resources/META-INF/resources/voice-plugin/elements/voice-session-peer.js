// What the transports of <voice-session> do the same way: open the microphone, turn ICE servers of
// the API into the browser's shape, stop tracks, leave performance marks, apply the answer, watch
// the connection come up, time the handshake, read the provider's events, report to the element and
// put the call's end on this browser's clock. The WebRTC transports differ only in how the SDP offer
// reaches the provider and what confirms the session; the relay shares everything but the peer.

import { VoiceSessionError, microphoneError, redact } from './voice-session-errors.js';

/**
 * @typedef {Array<{urls: string | string[], username?: string | null, credential?: string | null}>} ApiIceServers
 */

/**
 * Opens the microphone and hands it to the element ("local-stream"). A permission prompt can stay
 * open for long; if the session was closed meanwhile, the stream is stopped at once and an
 * AbortError thrown.
 * @param {EventTarget} target the transport @param {() => boolean} isClosed
 * @param {MicrophoneChoice} [audio] the device the user picked (true: the system's default)
 * @returns {Promise<MediaStream>}
 */
export async function startMicrophone(target, isClosed, audio = true) {
  const stream = await openMicrophone(isClosed, audio);
  mark('microphone');
  emit(target, 'local-stream', stream);
  return stream;
}

/** @typedef {true | {deviceId: {exact: string}}} MicrophoneChoice */

/**
 * Moves a running call to another microphone (the user picked one, or the one in use was unplugged)
 * without renegotiating: the peer's audio sender takes the new track, the old tracks stop.
 * @param {EventTarget} target @param {() => boolean} isClosed @param {MicrophoneChoice} audio
 * @param {RTCPeerConnection | null} pc @param {MediaStream | null} old
 * @returns {Promise<MediaStream>} the new microphone
 */
export async function swapMicrophone(target, isClosed, audio, pc, old) {
  const stream = await startMicrophone(target, isClosed, audio);
  const sender = pc?.getSenders().find((s) => !s.track || s.track.kind === 'audio');
  await sender?.replaceTrack(stream.getAudioTracks()[0] || null);
  if (old) stopTracks(old);
  return stream;
}

/** Mute keeps the microphone open for a quick unmute; its track only stops carrying sound. @param {MediaStream | null} stream @param {boolean} muted */
export function muteTracks(stream, muted) {
  for (const track of stream?.getAudioTracks() || []) track.enabled = !muted;
}

/**
 * Sends a client event as JSON on the data channel or socket, and logs it.
 * @param {EventTarget} target @param {{send(data: string): void} | null} link @param {boolean} open whether link can send
 * @param {object} event
 * @returns {boolean} false when the link is not open
 */
export function sendEvent(target, link, open, event) {
  if (!link || !open) return false;
  link.send(JSON.stringify(event));
  log(target, 'out', /** @type {{type: string}} */ (event).type);
  return true;
}

/**
 * A remembered device that is gone (unplugged, or another browser profile's id) is no reason to fail:
 * the system's default microphone is used instead.
 * @param {() => boolean} isClosed @param {MicrophoneChoice} audio @returns {Promise<MediaStream>}
 */
async function openMicrophone(isClosed, audio) {
  let stream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ audio });
  } catch (e) {
    if (isClosed()) throw aborted();
    const name = /** @type {Error} */ (e)?.name;
    if (audio !== true && (name === 'OverconstrainedError' || name === 'NotFoundError')) return openMicrophone(isClosed, true);
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
 * Applies the provider's SDP answer, then waits for the handshake (the transport settles it when the
 * session is confirmed). An answer this browser cannot use fails it as provider_bad_answer; with
 * connectTimeoutMs (auto), so does a connection that does not come up in time.
 * @param {RTCPeerConnection} pc @param {string} sdp
 * @param {{promise: Promise<void>, reject: (error: unknown) => void}} handshake from timedHandshake
 * @param {{isClosed: () => boolean, connectTimeoutMs: number, signal: AbortSignal}} options
 */
export async function answerAndConfirm(pc, sdp, handshake, { isClosed, connectTimeoutMs, signal }) {
  handshake.promise.catch(() => {}); // awaited below; this only keeps an early failure from going unhandled
  try {
    await applyAnswer(pc, sdp, isClosed);
  } catch (e) {
    if (e instanceof VoiceSessionError) handshake.reject(e);
    throw e;
  }
  if (connectTimeoutMs) watchConnection(pc, connectTimeoutMs, handshake.reject, signal);
  await handshake.promise;
}

/** When the session was closed meanwhile, the abort wins. @param {RTCPeerConnection} pc @param {string} sdp @param {() => boolean} isClosed */
async function applyAnswer(pc, sdp, isClosed) {
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
 * In auto transport, WebRTC gets this long after the answer to connect before the relay is tried:
 * rejects through fail() when ICE fails or the peer is not connected in time. A no-op once settled.
 * @param {RTCPeerConnection} pc @param {number} ms @param {(e: Error) => void} fail @param {AbortSignal} signal
 */
function watchConnection(pc, ms, fail, signal) {
  const failed = () => fail(handshakeTimeoutError(ms, false, ''));
  const timer = setTimeout(() => { if (pc.connectionState !== 'connected') failed(); }, ms);
  signal.addEventListener('abort', () => clearTimeout(timer));
  pc.addEventListener('iceconnectionstatechange', () => { if (pc.iceConnectionState === 'failed') failed(); }, { signal });
}

/** @param {EventTarget} target @param {string} type @param {unknown} detail */
export function emit(target, type, detail) {
  target.dispatchEvent(new CustomEvent(type, { detail }));
}

/**
 * An entry for the element's event log.
 * @param {EventTarget} target @param {'in' | 'out' | 'info'} direction @param {string} type @param {string} [text]
 */
export function log(target, direction, type, text) {
  emit(target, 'log', { direction, type, text });
}

/**
 * Reads one provider message (data channel or relay), logs it and passes it on as "server-event".
 * @param {EventTarget} target @param {unknown} data
 * @returns {{type: string, [key: string]: any} | null} null when it is not JSON or has no type
 */
export function receiveServerEvent(target, data) {
  const event = parseServerEvent(data);
  if (event === null) log(target, 'in', 'unreadable message');
  if (!event) return null;
  // Deltas arrive many times a second; the transcript shows them, the log would drown in them.
  if (!event.type.endsWith('.delta')) log(target, 'in', event.type, event.type === 'error' ? redact(event.error?.message) : undefined);
  emit(target, 'server-event', event);
  return event;
}

/** How far the server's clock is ahead of this browser's, from a reply's Date header (0 when unreadable). @param {Headers | null} headers */
export function serverClockOffset(headers) {
  const serverNow = Date.parse(headers?.get('Date') || '');
  return Number.isFinite(serverNow) ? serverNow - Date.now() : 0;
}

/**
 * When the call ends, on this browser's clock; falls back to maxCallSeconds from now.
 * @param {number} endsAt epoch milliseconds on the server's clock (NaN or 0: unknown)
 * @param {number} offset serverClockOffset() of a reply from that server
 * @param {number | undefined} maxCallSeconds
 * @returns {number | null} epoch milliseconds
 */
export function localEndsAt(endsAt, offset, maxCallSeconds) {
  if (Number.isFinite(endsAt) && endsAt > 0) return endsAt - offset;
  return Number.isFinite(maxCallSeconds) && /** @type {number} */ (maxCallSeconds) > 0
    ? Date.now() + /** @type {number} */ (maxCallSeconds) * 1000 : null;
}

/**
 * A message as a server event: null when it is not JSON, undefined when it has no type.
 * @param {unknown} data @returns {{type: string, [key: string]: any} | null | undefined}
 */
function parseServerEvent(data) {
  let event;
  try {
    event = JSON.parse(String(data));
  } catch {
    return null;
  }
  return event && typeof event.type === 'string' ? event : undefined;
}
