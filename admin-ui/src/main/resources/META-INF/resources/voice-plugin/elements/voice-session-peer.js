// What both transports of <voice-session> do the same way with the browser's media: open the
// microphone, turn ICE servers of the API into the browser's shape, stop tracks, and leave
// performance marks. The transports differ only in how the SDP offer reaches the provider.

import { microphoneError } from './voice-session-errors.js';

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
