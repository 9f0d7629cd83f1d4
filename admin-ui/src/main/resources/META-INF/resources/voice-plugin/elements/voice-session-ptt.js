// Push-to-talk: the tenant offers it (options.pushToTalk), the user switches it on or off (remembered
// in this browser), and while it is on the provider's turn detection is off: the microphone carries
// sound only while the Talk button (or Space on it) is held, and letting go commits what was said and
// asks for the answer. The provider's turn detection is put back as the tenant had it when the user
// switches push-to-talk off mid-call: the widget takes it from the session events the provider sends
// (session.created / session.updated) before it changed anything, which works in every mode, server
// mode included, where the widget never sees the tenant's settings otherwise.

const STORAGE_KEY = 'voice-session:push-to-talk';
/** A shorter press holds no words: committing it would only earn an "empty buffer" error. */
const MIN_HOLD_MS = 250;
/** What the tenant's turn detection was when the session events said nothing of it. */
const FALLBACK_TURN = { type: 'server_vad' };

/** @param {object | null} turnDetection */
const turnUpdate = (turnDetection) => ({
  type: 'session.update', session: { type: 'realtime', audio: { input: { turn_detection: turnDetection } } },
});

/**
 * @typedef {{send(event: object): boolean, interrupt(): void, changed(): void, hint(text: string): void}} PttHost
 *   send: to the provider, false when not connected; interrupt: silence the assistant if it is speaking;
 *   changed: held or active changed (the element re-gates the microphone and its state); hint: a short note to show
 */

export class PushToTalk {
  #toggle;
  #button;
  #host;
  #offered = false;
  #live = false;
  #held = false;
  #heldAt = 0;
  /** The provider's turn detection is off because of us (this session). */
  #overridden = false;
  /** The tenant's turn detection as the provider last reported it before we changed it; undefined: not seen. */
  /** @type {object | null | undefined} */ #tenantTurn;

  /** @param {HTMLInputElement} toggle @param {HTMLButtonElement} button @param {PttHost} host */
  constructor(toggle, button, host) {
    this.#toggle = toggle;
    this.#button = button;
    this.#host = host;
  }

  /** @param {'off' | 'offered' | 'on'} mode the tenant's setting @param {boolean} live GPT-Live: only mute from the browser */
  configure(mode, live) {
    this.#offered = mode !== 'off' && !live;
    /** @type {HTMLElement} */ (this.#toggle.closest('label')).hidden = !this.#offered;
    const remembered = readChoice();
    const wanted = this.#offered && (remembered ?? mode === 'on');
    if (wanted !== this.#toggle.checked) {
      this.#toggle.checked = wanted;
      this.#switched(false);
    }
  }

  /** Whether the user talks by holding the button (not by voice activity). */
  get active() {
    return this.#offered && this.#toggle.checked;
  }

  get held() {
    return this.#held;
  }

  /** @param {AbortSignal} signal the element's lifetime */
  listen(signal) {
    const b = this.#button;
    const opts = { signal };
    this.#toggle.addEventListener('change', () => this.#switched(true), opts);
    b.addEventListener('pointerdown', (e) => {
      if (e.button !== 0) return;
      b.setPointerCapture?.(e.pointerId);
      this.#press();
    }, opts);
    for (const type of ['pointerup', 'pointercancel', 'lostpointercapture', 'blur']) b.addEventListener(type, () => this.#release(), opts);
    b.addEventListener('keydown', (e) => {
      if (e.key !== ' ') return;
      e.preventDefault(); // no click, no page scroll
      if (!e.repeat) this.#press();
    }, opts);
    b.addEventListener('keyup', (e) => {
      if (e.key !== ' ') return;
      e.preventDefault();
      this.#release();
    }, opts);
  }

  /** The session is confirmed: from now on events reach the provider. */
  begin() {
    if (this.active) this.#override();
    this.#render();
  }

  /** Session events tell the tenant's turn detection, until we changed it. @param {any} event */
  observe(event) {
    if (this.#overridden || (event.type !== 'session.created' && event.type !== 'session.updated')) return;
    const input = event.session?.audio?.input;
    if (input && 'turn_detection' in input) this.#tenantTurn = input.turn_detection;
  }

  /** The session is over: nothing is held, nothing overridden. */
  end() {
    this.#held = false;
    this.#overridden = false;
    this.#tenantTurn = undefined;
    this.#render();
  }

  #override() {
    if (this.#host.send(turnUpdate(null))) this.#overridden = true;
  }

  /** @param {boolean} byUser */
  #switched(byUser) {
    if (byUser) writeChoice(this.#toggle.checked);
    if (this.#toggle.checked) {
      this.#override();
    } else {
      if (this.#held) this.#cancelHold();
      if (this.#overridden && this.#host.send(turnUpdate(this.#tenantTurn === undefined ? FALLBACK_TURN : this.#tenantTurn))) {
        this.#overridden = false;
      }
    }
    this.#render();
    this.#host.changed();
  }

  #press() {
    if (!this.active || !this.#overridden || this.#held) return;
    this.#host.interrupt();
    // Whatever reached the buffer before (a cough while not holding) is not part of this turn.
    this.#host.send({ type: 'input_audio_buffer.clear' });
    this.#held = true;
    this.#heldAt = performance.now();
    this.#render();
    this.#host.changed();
  }

  #release() {
    if (!this.#held) return;
    this.#held = false;
    if (performance.now() - this.#heldAt < MIN_HOLD_MS) {
      this.#host.send({ type: 'input_audio_buffer.clear' });
      this.#host.hint('Hold the Talk button (or Space) while you speak, then let go.');
    } else {
      this.#host.send({ type: 'input_audio_buffer.commit' });
      this.#host.send({ type: 'response.create' });
    }
    this.#render();
    this.#host.changed();
  }

  #cancelHold() {
    this.#held = false;
    this.#host.send({ type: 'input_audio_buffer.clear' });
  }

  #render() {
    this.#button.hidden = !(this.active && this.#overridden);
    // The name stays "Hold to talk" (a toggle's name must not change); aria-pressed and the status line say it is held.
    this.#button.setAttribute('aria-pressed', String(this.#held));
  }
}

/** @returns {boolean | null} the user's last choice in this browser, null when none (or storage is off) */
function readChoice() {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === null ? null : value === 'on';
  } catch {
    return null;
  }
}

/** @param {boolean} on */
function writeChoice(on) {
  try {
    localStorage.setItem(STORAGE_KEY, on ? 'on' : 'off');
  } catch {
    // private mode, storage full: the choice lasts for this page only
  }
}
