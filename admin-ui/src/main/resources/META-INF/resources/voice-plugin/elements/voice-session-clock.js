// The session's running time and, when the server sets an end (server mode, the relay), the time
// left: shown in the call's last minutes and said once in its last minute, so nobody is cut off
// mid-sentence without warning. And the wait the server asks for before the next try (Retry-After).

import { remainingText } from './voice-session-view.js';

export class SessionClock {
  #timer;
  #remaining;
  #warn;
  #tick;
  #interval = 0;
  /** When the server ends the call (epoch ms). @type {number | null} */ #endsAt = null;
  #warned = false;

  /**
   * @param {HTMLTimeElement} timer @param {HTMLElement} remaining
   * @param {(text: string) => void} warn shows the last-minute warning
   * @param {(leftMs: number | null) => void} tick every second: the time left (null: the call has no end)
   */
  constructor(timer, remaining, warn, tick) {
    this.#timer = timer;
    this.#remaining = remaining;
    this.#warn = warn;
    this.#tick = tick;
  }

  /** Before a new session: no time shown, no end known. */
  reset() {
    this.#timer.hidden = true;
    this.#endsAt = null;
    this.#warned = false;
  }

  /** @param {number | null} endsAt epoch ms on this browser's clock */
  set endsAt(endsAt) {
    this.#endsAt = endsAt;
  }

  start() {
    const started = Date.now();
    const show = () => {
      const seconds = Math.floor((Date.now() - started) / 1000);
      this.#timer.textContent = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
      this.#timer.dateTime = `PT${seconds}S`;
      this.#showRemaining();
    };
    show();
    this.#timer.hidden = false;
    this.#interval = window.setInterval(show, 1000);
  }

  /** Freezes the running time (it stays visible) and hides the time left. */
  stop() {
    clearInterval(this.#interval);
    this.#interval = 0;
    this.#remaining.hidden = true;
  }

  #showRemaining() {
    this.#tick(this.#endsAt === null ? null : this.#endsAt - Date.now());
    if (this.#endsAt === null) return;
    const left = this.#endsAt - Date.now();
    const text = remainingText(left);
    this.#remaining.textContent = text;
    this.#remaining.hidden = !text;
    this.#remaining.dataset.urgent = String(left <= 60_000);
    if (left <= 60_000 && !this.#warned) {
      this.#warned = true;
      this.#warn('Less than a minute of this call is left. Start a new session when it ends to continue.');
    }
  }
}

/**
 * Keeps Reconnect disabled, counting down, for as long as the server asked (Retry-After).
 * @param {HTMLButtonElement} button @param {number} seconds
 * @returns {() => void} ends the countdown early (the button's state is then the caller's)
 */
export function holdReconnect(button, seconds) {
  const until = Date.now() + seconds * 1000;
  let timer = 0;
  const tick = () => {
    const left = Math.ceil((until - Date.now()) / 1000);
    button.disabled = left > 0;
    button.textContent = left > 0 ? `Reconnect in ${left} s` : 'Reconnect';
    if (left > 0) timer = window.setTimeout(tick, 250);
  };
  tick();
  return () => clearTimeout(timer);
}
