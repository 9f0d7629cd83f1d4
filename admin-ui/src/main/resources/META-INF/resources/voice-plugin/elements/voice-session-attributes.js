// The attributes of <voice-session>, each mirrored by a property (house style): the element's public
// configuration, apart from its behaviour, so a host reads in one place what it can set. README,
// "Embedding the voice widget", lists them with their defaults.

/** @typedef {import('./voice-session-transport.js').Transport} Transport */

const TRANSPORTS = ['webrtc', 'websocket', 'auto'];

/** A number attribute, or the fallback when it is missing or not positive. @param {Element} el @param {string} name @param {number} fallback */
function positive(el, name, fallback) {
  const value = Number(el.getAttribute(name));
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

export class VoiceSessionAttributes extends HTMLElement {
  /** Base URL of the plugin API. */
  get apiBase() {
    return this.getAttribute('api-base') || '../api/v1';
  }

  set apiBase(value) {
    this.setAttribute('api-base', value);
  }

  /** How long to wait for the provider to confirm the settings (session.updated). */
  get sessionTimeoutMs() {
    return positive(this, 'session-timeout-ms', 10000);
  }

  set sessionTimeoutMs(value) {
    this.setAttribute('session-timeout-ms', String(value));
  }

  /**
   * How to connect: "webrtc", "websocket" (the plugin's relay) or "auto" (WebRTC; the relay when
   * WebRTC cannot connect, as the tenant's relay setting allows). Anything else counts as auto.
   * @returns {Transport}
   */
  get transport() {
    const value = this.getAttribute('transport');
    return value && TRANSPORTS.includes(value) ? /** @type {Transport} */ (value) : 'auto';
  }

  set transport(value) {
    this.setAttribute('transport', value);
  }

  /** In auto, how long WebRTC may take to connect once the provider answered, before the relay is used. */
  get webRtcTimeoutMs() {
    return positive(this, 'webrtc-timeout-ms', 6000);
  }

  set webRtcTimeoutMs(value) {
    this.setAttribute('webrtc-timeout-ms', String(value));
  }

  /** How often live usage is asked for in server mode and on the relay. */
  get usageIntervalMs() {
    return positive(this, 'usage-interval-ms', 5000);
  }

  set usageIntervalMs(value) {
    this.setAttribute('usage-interval-ms', String(value));
  }
}
