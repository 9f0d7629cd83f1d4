// What the relay's failures mean to a person, in voice-session-errors.js's way: one sentence of what
// happened, one of what to do. The plugin closes the socket with a code and, as its reason, a stable
// problem code (the contract's table); only known codes pick a text, so the server's words (or a
// proxy's) are never shown.

import { VoiceSessionError, callEndedError } from './voice-session-errors.js';

const RELOAD = 'Reload the page, then press Reconnect.';

/** By the close reason (the problem code). */
const BY_REASON = {
  message_too_big: 'This page sent the server a message larger than it accepts, so the session was closed. ' + RELOAD,
  binary_not_supported: 'This page sent the server a kind of message it does not accept, so the session was closed. ' + RELOAD,
  invalid_event: 'The server could not read a message from this page, so the session was closed. ' + RELOAD,
  relay_ticket_invalid: 'The server did not accept the ticket for this connection; it may have expired on a slow network. '
    + 'Press Reconnect to get a new one.',
  relay_origin_forbidden: 'The server refused a connection from this page\'s address. '
    + 'Open the admin panel at its usual address, or ask the platform operator to allow this one.',
  relay_session_timeout: 'The voice service did not confirm the session in time. Press Reconnect to try again.',
  call_limit_reached: 'This tenant already has as many calls under way as it may have. Wait until one ends, then press Reconnect.',
  relay_flood: 'The server closed the session because this page sent audio faster than it should. '
    + 'Press Reconnect; if it happens again, reload the page.',
  relay_slow_consumer: 'The server closed the session because this browser fell behind in reading it, as a busy or sleeping device does. '
    + 'Press Reconnect to start a new session.',
  provider_key_rejected: "The voice service refused the tenant's API key. "
    + 'A tenant administrator can save a valid key in the voice settings; then press Reconnect.',
  provider_unavailable: 'The voice service could not be reached from the server or dropped the session. Wait a moment, then press Reconnect.',
  provider_error: 'The voice service ended the session with an error. Press Reconnect to start a new one.',
  relay_unavailable: 'The plugin server is shutting down or restarting, so the session was closed. Wait a moment, then press Reconnect.',
};

/** Endings that mean what a server-mode call's endReason means: one wording for both ('' is "the server ended it"). */
const AS_ENDED = {
  ended: '',
  call_duration_cap: 'duration_cap',
  usage_budget_exhausted: 'budget_exhausted',
  ended_by_admin: 'ended_by_admin',
};

/** By the close code, when the reason is missing or unknown (a proxy may drop it). */
const BY_CODE = {
  1000: 'ended', 1003: 'binary_not_supported', 1009: 'message_too_big', 4400: 'invalid_event', 4401: 'relay_ticket_invalid',
  4402: 'usage_budget_exhausted', 4403: 'relay_origin_forbidden', 4408: 'relay_session_timeout', 4409: 'call_limit_reached',
  4410: 'call_duration_cap', 4411: 'ended_by_admin', 4429: 'relay_flood', 4430: 'relay_slow_consumer', 4502: 'provider_error',
  4503: 'relay_unavailable',
};

/**
 * The socket was closed by the server (or the network).
 * @param {number} code
 * @param {string} reason
 * @param {boolean} opened whether the socket was ever open: a refused upgrade never is
 */
export function relayClosedError(code, reason, opened) {
  const known = (/** @type {string} */ key) => Object.hasOwn(BY_REASON, key) || Object.hasOwn(AS_ENDED, key);
  const key = known(reason) ? reason : BY_CODE[/** @type {keyof typeof BY_CODE} */ (code)];
  if (key && Object.hasOwn(AS_ENDED, key)) {
    return callEndedError(AS_ENDED[/** @type {keyof typeof AS_ENDED} */ (key)]);
  }
  if (key) return new VoiceSessionError(key, BY_REASON[/** @type {keyof typeof BY_REASON} */ (key)]);
  return opened
    ? new VoiceSessionError('connection_lost', 'The connection to the plugin server was lost. Press Reconnect to start a new session.')
    : relayUnreachableError();
}

/** No socket could be opened: a proxy that refuses WebSockets, or an older server without the relay. */
export function relayUnreachableError() {
  return new VoiceSessionError('relay_unreachable', 'No connection through the plugin server could be opened; '
    + 'a proxy or firewall may be blocking WebSockets. Check the network, then press Reconnect.');
}

/** The ticket answer lacks what the socket needs: a page and server of different versions, or a proxy. */
export function ticketIncompleteError() {
  return new VoiceSessionError('relay_ticket_incomplete', 'The server answered without a usable ticket for a call through the server; '
    + 'the page and the server may be different versions. Reload the page, then start again.');
}

/** auto with relay "offer": what the element says next to its "Connect through the server" button. */
export function webRtcBlockedError() {
  return new VoiceSessionError('webrtc_blocked', 'No WebRTC connection to the voice service could be made from this network. '
    + 'Connect through the server instead: the call then runs over this page\'s own connection to the platform.');
}
