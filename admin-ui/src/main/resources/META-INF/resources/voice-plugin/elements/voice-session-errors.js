// Turns every way a voice session can fail into words an administrator can act on.
// Each message is one sentence of what happened and one of what to do. The provider's own wording
// (and whatever a proxy answers) never reaches them: it may be anything, including a secret.

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

/** Where the administrator can change what the provider is told. */
const SETTINGS = 'Check the provider and model in the voice settings';

/**
 * Checks what the browser must offer before anything is requested.
 * @param {Window} win
 * @returns {VoiceSessionError | null}
 */
export function preflightError(win) {
  if (!win.isSecureContext) {
    return new VoiceSessionError('insecure_context',
      'This page is not secure, so the browser does not allow the microphone. Open the admin panel over HTTPS (or on localhost).');
  }
  if (typeof win.navigator.mediaDevices?.getUserMedia !== 'function' || typeof (/** @type {any} */ (win)).RTCPeerConnection !== 'function') {
    return new VoiceSessionError('unsupported_browser',
      'This browser cannot capture audio or make WebRTC calls. Use a current version of Chrome, Edge, Firefox or Safari.');
  }
  return null;
}

/**
 * The plugin server refused to mint a client secret (problem+json with a hint) or could not be reached.
 * Only the server's problem documents carry words meant for people; anything else (a proxy's error
 * page, say) is reduced to its status.
 * @param {unknown} e
 */
export function mintError(e) {
  const fail = (/** @type {string} */ code, /** @type {string} */ message) => new VoiceSessionError(code, message, { cause: e });
  if (!(e instanceof ApiError)) {
    return fail('mint_failed', "The plugin server's answer could not be read. Check your connection, then press Reconnect.");
  }
  if (e.status === 0) return fail('mint_unreachable', 'The plugin server could not be reached. Check your connection, then press Reconnect.');
  if (!e.problem.code) {
    if (e.status === 404) {
      return fail('mint_not_found',
        'The plugin API was not found (HTTP 404). Check the api-base attribute of the voice-session element, then reload the page.');
    }
    return fail('mint_failed', `The plugin server answered HTTP ${e.status} instead of a voice session. `
      + (e.status === 401 || e.status === 403 ? 'Sign in to the admin panel again, then press Reconnect.' : 'Wait a moment, then press Reconnect.'));
  }
  // The button counts the wait down; the server's hint already says why.
  const retryAfter = e.status === 429 || e.status === 503
    ? parseRetryAfter(e.headers?.get('Retry-After') ?? (/** @type {{retryAfterSeconds?: number}} */ (e.problem))?.retryAfterSeconds) : undefined;
  const message = e.hint ? e.humanMessage : `${e.message} Press Reconnect to try again.`;
  return new VoiceSessionError(e.code, message, { retryAfterSeconds: retryAfter, cause: e });
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
        'The microphone could not be started; another application may be using it. Close that application, then press Reconnect.', { cause: e });
    default:
      return new VoiceSessionError('microphone_failed',
        "The microphone could not be started. Check the browser's microphone settings, then press Reconnect.", { cause: e });
  }
}

/**
 * The provider answered the SDP offer with a non-2xx status. Its body is never shown (it is the
 * provider's wording, or a proxy's page); only a machine-readable error code goes to the event log.
 * Never lets an error body reach setRemoteDescription (which would only say "failed to parse SDP").
 * @param {Response} response
 * @param {string} host the provider's host, for the message
 */
export async function sdpRejectedError(response, host) {
  const { status } = response;
  let providerCode = '';
  try {
    const error = JSON.parse(await response.text())?.error;
    providerCode = token(error?.code) || token(error?.type);
  } catch { /* not JSON: nothing to log */ }
  const message = status === 401 || status === 403
    ? `The voice service refused the session key (HTTP ${status}). Press Reconnect to try with a new key.`
    : status === 408 || status === 429 ? `The voice service is busy (HTTP ${status}). Wait a moment, then press Reconnect.`
      : status >= 500 ? `The voice service could not take the call (HTTP ${status}). Wait a moment, then press Reconnect.`
        : status === 404 ? `The voice service has no WebRTC endpoint at ${host} (HTTP 404). ${SETTINGS}, then press Reconnect.`
          : `The voice service refused the connection (HTTP ${status}). ${SETTINGS}, then press Reconnect.`;
  return Object.assign(new VoiceSessionError('provider_rejected_offer', message), { providerCode });
}

/**
 * A 2xx answer to the SDP offer that is not SDP: a captive portal, a proxy, or a wrong endpoint.
 * @param {number} status
 * @param {string} host
 */
export function notAnAnswerError(status, host) {
  return new VoiceSessionError('provider_bad_answer', `The reply from ${host} (HTTP ${status}) was not a WebRTC answer. `
    + `${SETTINGS} and any proxy in between, then press Reconnect.`);
}

/**
 * The SDP POST did not get an answer at all (offline, DNS, firewall, CORS).
 * @param {string} host
 * @param {unknown} e
 */
export function providerUnreachableError(host, e) {
  return new VoiceSessionError('provider_unreachable',
    `The voice service at ${host} could not be reached. Check the network, proxy or firewall, then press Reconnect.`, { cause: e });
}

/**
 * The plugin server answered the call with 2xx but no SDP: a proxy or an older server in between.
 * @param {number} status
 */
export function callAnswerError(status) {
  return new VoiceSessionError('call_bad_answer', `The plugin server's reply to the call (HTTP ${status}) was not a WebRTC answer. `
    + 'Reload the page, then press Reconnect; if it happens again, check any proxy in between.');
}

/** Why the server ended a call (its endReason), for the person who was on it. */
const ENDED = {
  duration_cap: 'The call reached its time limit. Start a new session to continue.',
  ended_by_admin: 'An administrator ended this call. Start a new session if you still need the assistant.',
  ended_by_user: 'This call was ended from another window or device. Start a new session to continue.',
  provider_closed: 'The voice service ended the call. Start a new session to continue.',
  budget_exhausted: "This tenant's monthly token budget is used up, so the call was ended. "
    + 'A tenant administrator can raise the budget under Calls and usage in the voice settings.',
};

/**
 * A call the server reports as ended, in words; an unknown reason still reads as an ending, not a fault.
 * @param {string | null | undefined} reason
 */
export function callEndedError(reason) {
  const message = (reason && Object.hasOwn(ENDED, reason) ? ENDED[/** @type {keyof typeof ENDED} */ (reason)] : '')
    || 'The server ended this call. Start a new session to continue.';
  return new VoiceSessionError('call_ended', message);
}

/**
 * The provider's error event on the data channel. Its message goes to the event log, not here:
 * shown are only its code and the parameter it names, both machine-readable tokens.
 * @param {{code?: unknown, param?: unknown}} error
 * @param {boolean} handshake whether it answered the session settings (the session fails) or came later
 */
export function providerEventError(error, handshake) {
  const param = token(error?.param);
  if (handshake) {
    return new VoiceSessionError('session_rejected', param
      ? `The voice service rejected the setting ${param}. Correct it in the voice settings, then press Reconnect.`
      : 'The voice service rejected the session settings. Run the connection test in the voice settings, then press Reconnect.');
  }
  const code = token(error?.code);
  return new VoiceSessionError('provider_error', `The voice service reported an error${code ? ` (${code})` : ''}. `
    + 'The session goes on; open the event log for the details.');
}

/** The host of a URL, the only part of it worth showing. @param {string} url */
export function hostOf(url) {
  try {
    return new URL(url).host;
  } catch {
    return 'the provider';
  }
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

/** A code or parameter name from the provider (or a close reason), or '' when it is anything else. @param {unknown} value */
export function token(value) {
  return typeof value === 'string' && /^[A-Za-z0-9_.[\]-]{1,80}$/.test(value) ? value : '';
}
