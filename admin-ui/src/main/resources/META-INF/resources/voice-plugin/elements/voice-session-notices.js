// The two notes above the transcript. One says the transcript is kept, and for how long, when the
// tenant stores transcripts: a privacy matter, so it is there before Start. The other says the user's
// own words will not appear because the tenant has input transcription off, so an empty "You" side is
// not mistaken for a fault. Whether transcription is on comes from the options; a server that does not
// say (older, or browser mode) leaves it to the confirmed session's settings, and a transcribed word
// settles it.

import { storedText } from './voice-session-view.js';

export class SessionNotices {
  #stored;
  #unheard;
  /** @type {import('./voice-session-options.js').WidgetOptions | null} */ #options = null;
  /** @type {boolean | null} */ #transcribed = null;

  /** @param {HTMLElement} stored @param {HTMLElement} unheard */
  constructor(stored, unheard) {
    this.#stored = stored;
    this.#unheard = unheard;
  }

  /** @param {import('./voice-session-options.js').WidgetOptions} options */
  configure(options) {
    this.#options = options;
    this.#stored.hidden = !options.stored;
    if (options.stored) this.#stored.textContent = storedText(options.stored);
    if (options.transcription !== null) this.#transcribed = options.transcription;
  }

  /** A new session: only the options' word counts until the session says more. */
  reset() {
    this.#transcribed = this.#options?.transcription ?? null;
  }

  /** @param {any} event a provider event @param {boolean} heardUser whether a word of the user's came back transcribed */
  observe(event, heardUser) {
    if ((this.#options?.transcription ?? null) === null && (event.type === 'session.updated' || event.type === 'session.created')) {
      const input = event.session?.audio?.input;
      if (input && 'transcription' in input) this.#transcribed = Boolean(input.transcription);
    }
    if (heardUser) this.#transcribed = true;
  }

  /** @param {boolean} started whether a session has started (the hint means nothing before) */
  render(started) {
    // GPT-Live transcribes both sides itself.
    this.#unheard.hidden = this.#transcribed !== false || Boolean(this.#options?.live) || !started;
  }
}
