// The live transcript of both sides, built from the Realtime API's GA server events or GPT-Live's.
// Realtime turns are keyed by item id and placed when the item is first announced, so a user's words
// that are transcribed late still appear before the answer they caused. GPT-Live sends only fragments
// (session.input_transcript.delta, session.output_transcript.delta) with no items and no "done", so a
// turn there is a run of fragments from one side, until the other side speaks. Text goes in via
// textContent only. An answer the user cut off (talking over it, push-to-talk, typing) says so: the
// response ends "cancelled", or its item is truncated at what was heard, or the relay's own playback
// was flushed in the middle of it.

/** @typedef {'user' | 'assistant'} Role */

const SPEAKER = { user: 'You', assistant: 'Assistant' };

export class TranscriptView {
  #list;
  #empty;
  /** @type {Map<string, {role: Role, text: string, item: HTMLLIElement, body: HTMLParagraphElement, who: HTMLElement}>} */
  #turns = new Map();
  /** Whether any of the user's words came back transcribed (the proof that transcription is on). */
  heardUser = false;
  /** GPT-Live: the turn its fragments go to now, and how many runs there were. */
  #run = { key: '', role: /** @type {Role | ''} */ (''), count: 0 };

  /**
   * @param {HTMLOListElement} list the role="log" list the turns go into
   * @param {HTMLElement} empty shown while there is nothing to read
   */
  constructor(list, empty) {
    this.#list = list;
    this.#empty = empty;
  }

  clear() {
    this.#turns.clear();
    this.#run = { key: '', role: '', count: 0 };
    this.#list.replaceChildren();
    this.#empty.hidden = false;
    this.heardUser = false;
  }

  /**
   * Applies one server event; ignores the ones that carry no words.
   * @param {any} event
   */
  handle(event) {
    switch (event.type) {
      case 'conversation.item.added':
      case 'conversation.item.created': {
        const item = event.item;
        if (item?.type === 'message' && (item.role === 'user' || item.role === 'assistant')) {
          this.#turn(item.id, item.role);
          const typed = (item.content || []).map((/** @type {any} */ c) => c.text || '').join('');
          if (typed) this.#set(item.id, item.role, typed);
        }
        break;
      }
      case 'conversation.item.input_audio_transcription.delta':
        this.heardUser = true;
        this.#append(event.item_id, 'user', event.delta);
        break;
      case 'conversation.item.input_audio_transcription.completed':
        this.heardUser = true;
        this.#set(event.item_id, 'user', event.transcript);
        break;
      case 'conversation.item.input_audio_transcription.failed':
        this.#set(event.item_id, 'user', '(not transcribed)');
        break;
      case 'response.output_audio_transcript.delta':
      case 'response.output_text.delta':
        this.#append(event.item_id, 'assistant', event.delta);
        break;
      case 'response.output_audio_transcript.done':
        this.#set(event.item_id, 'assistant', event.transcript);
        break;
      case 'response.output_text.done':
        this.#set(event.item_id, 'assistant', event.text);
        break;
      case 'session.input_transcript.delta':
        this.#append(this.#liveTurn('user'), 'user', event.delta);
        break;
      case 'session.output_transcript.delta':
        this.#append(this.#liveTurn('assistant'), 'assistant', event.delta);
        break;
      case 'response.done':
        if (event.response?.status === 'cancelled') for (const item of event.response.output || []) this.#interrupted(item?.id);
        break;
      case 'conversation.item.truncated':
      case 'output_audio_buffer.cleared':
        this.#interrupted(event.item_id);
        break;
      default:
    }
  }

  /** @param {unknown} id an assistant item the user cut off */
  #interrupted(id) {
    const turn = typeof id === 'string' ? this.#turns.get(id) : undefined;
    if (turn?.role !== 'assistant' || turn.item.classList.contains('interrupted')) return;
    turn.item.classList.add('interrupted');
    turn.who.textContent = `${SPEAKER.assistant} · interrupted`;
  }

  /** GPT-Live: the key of the current run of {@code role}'s fragments, a new one when the speaker changed. @param {Role} role */
  #liveTurn(role) {
    if (this.#run.role !== role) {
      this.#run = { key: `live:${role}:${this.#run.count + 1}`, role, count: this.#run.count + 1 };
    }
    return this.#run.key;
  }

  /** @param {string} id @param {Role} role */
  #turn(id, role) {
    const key = id || `${role}:without-id`; // GA events always carry item ids; be safe anyway
    let turn = this.#turns.get(key);
    if (!turn) {
      const item = document.createElement('li');
      item.className = `turn ${role}`;
      item.hidden = true; // until it has words: a turn may never be transcribed
      const who = document.createElement('span');
      who.className = 'speaker';
      who.textContent = SPEAKER[role];
      const body = document.createElement('p');
      item.append(who, body);
      this.#list.append(item);
      turn = { role, text: '', item, body, who };
      this.#turns.set(key, turn);
    }
    return turn;
  }

  /** @param {string} id @param {Role} role @param {unknown} delta */
  #append(id, role, delta) {
    if (typeof delta !== 'string' || !delta) return;
    const turn = this.#turn(id, role);
    this.#show(turn, turn.text + delta);
  }

  /** @param {string} id @param {Role} role @param {unknown} text */
  #set(id, role, text) {
    if (typeof text !== 'string') return;
    this.#show(this.#turn(id, role), text.trim());
  }

  /** @param {{text: string, item: HTMLLIElement, body: HTMLParagraphElement}} turn @param {string} text */
  #show(turn, text) {
    turn.text = text;
    turn.body.textContent = text;
    turn.item.hidden = !text;
    this.#empty.hidden = [...this.#turns.values()].some((t) => t.text);
    this.#list.scrollTop = this.#list.scrollHeight;
  }
}
