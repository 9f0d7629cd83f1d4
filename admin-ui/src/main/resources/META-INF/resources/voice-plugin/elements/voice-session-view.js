// The markup and status wording of <voice-session>. No inline styles or handlers: the page's CSP
// forbids them; voice-session.css styles everything through the <link> the element fills in.

/** @typedef {'idle' | 'connecting' | 'listening' | 'user-speaking' | 'assistant-speaking' | 'ended' | 'error'} SessionState */

/** @type {Record<SessionState, string>} */
export const STATUS = {
  idle: 'Ready',
  connecting: 'Connecting…',
  listening: 'Listening',
  'user-speaking': 'You are speaking',
  'assistant-speaking': 'Assistant is speaking',
  ended: 'Session ended',
  error: 'Error',
};

/**
 * The status line: the state, how the session connects when it goes through the plugin's relay, and mute.
 * With push-to-talk nobody listens until the button is held, so "Listening" would mislead.
 * @param {SessionState} state @param {boolean} relayed @param {boolean} muted @param {boolean} [ptt]
 */
export function statusText(state, relayed, muted, ptt = false) {
  if (state === 'connecting') return relayed ? 'Connecting through the server…' : STATUS.connecting;
  return (ptt && state === 'listening' ? 'Hold to talk' : STATUS[state]) + (relayed ? ' · through the server' : '')
    + (muted ? ' · microphone muted' : '');
}

/** @param {{days: number | null}} stored */
export function storedText(stored) {
  return `This conversation's transcript is saved${stored.days ? ` for ${stored.days} day${stored.days === 1 ? '' : 's'}` : ''}.`;
}

export const TEMPLATE = `
  <link rel="stylesheet">
  <div class="panel" data-state="idle">
    <div class="header">
      <span class="dot" aria-hidden="true"></span>
      <p class="status" role="status" aria-live="polite">Ready</p>
      <time class="timer" datetime="PT0S" aria-label="Session length" hidden>0:00</time>
      <span class="remaining" hidden></span>
    </div>
    <p class="message" id="message" role="alert" hidden></p>
    <div class="controls">
      <button type="button" class="start">Start voice session</button>
      <button type="button" class="relay" aria-describedby="message" hidden>Connect through the server</button>
      <button type="button" class="talk" aria-pressed="false" aria-describedby="talk-help" hidden>Hold to talk</button>
      <button type="button" class="mute" aria-pressed="false" hidden>Mute</button>
      <button type="button" class="stop" hidden>Stop</button>
    </div>
    <p class="help" id="talk-help" hidden>Hold the button, or Space on it, while you speak; let go to send.</p>
    <div class="options">
      <label class="switch" hidden><input type="checkbox" class="ptt" role="switch"> Push to talk</label>
      <label class="field"><span>Microphone</span> <select class="microphone"><option value="">System default</option></select></label>
      <label class="field"><span>Volume</span> <input type="range" class="volume" min="0" max="1" step="0.05" value="1"></label>
    </div>
    <dl class="usage" hidden>
      <div><dt>Tokens</dt><dd class="tokens">0</dd></div>
      <div hidden><dt>Estimated cost</dt><dd class="cost"></dd></div>
      <div hidden><dt>Time left</dt><dd class="left"></dd></div>
    </dl>
    <div class="meters">
      <span class="level"><span aria-hidden="true">You</span>
        <meter class="local" min="0" max="1" value="0" aria-label="Your microphone level"></meter></span>
      <span class="level"><span aria-hidden="true">Assistant</span>
        <meter class="remote" min="0" max="1" value="0" aria-label="Assistant voice level"></meter></span>
    </div>
    <section class="conversation" aria-label="Transcript">
      <p class="notice stored" hidden></p>
      <p class="notice unheard" hidden>Your words are not transcribed, only the assistant's. To see yours, turn on transcription in the voice settings.</p>
      <p class="empty">Press Start and speak: the conversation appears here.</p>
      <div role="log" aria-live="polite" aria-label="Transcript"><ol class="transcript"></ol></div>
      <form class="typing" hidden>
        <label for="typed">Type a message</label>
        <span class="row"><input id="typed" name="text" type="text" autocomplete="off"><button type="submit">Send</button></span>
      </form>
    </section>
    <details class="events">
      <summary>Event log <span class="count">0</span></summary>
      <ol class="event-list"></ol>
    </details>
    <audio class="remote-audio" autoplay></audio>
  </div>`;

/** Shown from this much time left before the server ends the call. */
const SHOW_REMAINING_MS = 5 * 60_000;

/**
 * The time left of a call in words, or '' while there is plenty.
 * @param {number} ms
 */
export function remainingText(ms) {
  if (ms > SHOW_REMAINING_MS) return '';
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return seconds > 60 ? `${Math.ceil(seconds / 60)} min left` : `${seconds} s left`;
}
