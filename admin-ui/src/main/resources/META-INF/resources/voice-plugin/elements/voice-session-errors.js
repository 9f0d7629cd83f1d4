// Turns every way a voice session can fail into one sentence an administrator can act on.
// Messages never contain the client secret: provider text is redacted before it is shown.

import { ApiError } from './api.js';

/** A failure of the voice session, with a message meant for people. */
export class VoiceSessionError extends Error {
  /**
   * @param {string} code stable machine name, e.g. "microphone_denied"
   * @param {string} message what happened and what to do, in plain words
   * @param {{retryAfterSeconds?: number, cause?: unknown}} [options]
   */
  constructor(code, message, options = {}) {
    super(message, { cause: options.cause });
    this.name = 'VoiceSessionError';
    this.code = code;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/**
 * Checks what the browser must offer before anything is requested.
 * @param {Window} win
 * @returns {VoiceSessionError | null}
 */
export function preflightError(win) {
  if (!win.isSecureContext) {
    return new VoiceSessionError('insecure_context',
      'Voice sessions need a secure page: open the admin panel over HTTPS (or on localhost). Browsers only allow the microphone there.');
  }
  if (typeof win.navigator.mediaDevices?.getUserMedia !== 'function' || typeof (/** @type {any} */ (win)).RTCPeerConnection !== 'function') {
    return new VoiceSessionError('unsupported_browser',
      'This browser cannot capture audio or make WebRTC calls. Use a current version of Chrome, Edge, Firefox or Safari.');
  }
  return null;
}

/**
 * The plugin server refused to mint a client secret (problem+json with a hint) or could not be reached.
 * @param {unknown} e
 */
export function mintError(e) {
  if (!(e instanceof ApiError)) {
    return new VoiceSessionError('mint_failed', 'The voice session could not be prepared: ' + describe(e), { cause: e });
  }
  // The button counts the wait down; the server's hint already says why.
  const retryAfter = e.status === 429 || e.status === 503
    ? parseRetryAfter(e.headers?.get('Retry-After') ?? (/** @type {{retryAfterSeconds?: number}} */ (e.problem))?.retryAfterSeconds) : undefined;
  return new VoiceSessionError(e.code, e.humanMessage, { retryAfterSeconds: retryAfter, cause: e });
}

/**
 * getUserMedia failed.
 * @param {unknown} e
 */
export function microphoneError(e) {
  const name = /** @type {{name?: string}} */ (e)?.name;
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return new VoiceSessionError('microphone_denied',
        'Microphone access was blocked. Allow the microphone for this site (the icon in the address bar), then press Reconnect.', { cause: e });
    case 'NotFoundError':
    case 'OverconstrainedError':
      return new VoiceSessionError('microphone_missing',
        'No microphone was found. Connect a microphone or headset, then press Reconnect.', { cause: e });
    case 'NotReadableError':
    case 'AbortError':
      return new VoiceSessionError('microphone_busy',
        'The microphone could not be started; another application may be using it. Close it, then press Reconnect.', { cause: e });
    default:
      return new VoiceSessionError('microphone_failed', 'The microphone could not be started: ' + describe(e), { cause: e });
  }
}

/**
 * The provider answered the SDP offer with a non-2xx status. Reads its JSON error if there is one;
 * never lets an error body reach setRemoteDescription (which would only say "failed to parse SDP").
 * @param {Response} response
 * @param {string} secret redacted from anything shown
 */
export async function sdpRejectedError(response, secret) {
  const text = await response.text().catch(() => '');
  let providerMessage = '';
  try {
    const body = JSON.parse(text);
    providerMessage = body?.error?.message || body?.message || '';
  } catch {
    providerMessage = /^\s*</.test(text) ? '' : text.trim(); // an HTML error page says nothing useful
  }
  providerMessage = redact(providerMessage, secret).slice(0, 300);
  const lead = response.status === 401 || response.status === 403
    ? `The voice service refused the session key (HTTP ${response.status}).`
    : `The voice service refused the connection (HTTP ${response.status}).`;
  const tail = response.status === 429 || response.status >= 500 ? ' Wait a moment, then press Reconnect.' : ' Press Reconnect to try with a new key.';
  return new VoiceSessionError('provider_rejected_offer', providerMessage ? `${lead} ${providerMessage}${tail}` : lead + tail);
}

/**
 * The SDP POST did not get an answer at all (offline, DNS, firewall, CORS).
 * @param {string} url
 * @param {unknown} e
 */
export function providerUnreachableError(url, e) {
  let host = url;
  try { host = new URL(url).host; } catch { /* keep the raw text */ }
  return new VoiceSessionError('provider_unreachable',
    `The voice service at ${host} could not be reached. Check the network, proxy or firewall, then press Reconnect.`, { cause: e });
}

/**
 * Removes the client secret and anything shaped like an ephemeral key from text that will be shown.
 * @param {string} text
 * @param {string} [secret]
 */
export function redact(text, secret) {
  let out = String(text ?? '');
  if (secret) out = out.split(secret).join('[secret]');
  return out.replace(/\bek_[A-Za-z0-9_*.-]+/g, 'ek_[secret]');
}

/** Retry-After as delta-seconds or an HTTP date. @param {string | number | null | undefined} value */
function parseRetryAfter(value) {
  if (value === null || value === undefined || value === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(String(value));
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** @param {unknown} e */
function describe(e) {
  return e instanceof Error ? e.message : String(e);
}
