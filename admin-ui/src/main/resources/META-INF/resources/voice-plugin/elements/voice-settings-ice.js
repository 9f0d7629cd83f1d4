// The ICE servers editor of <voice-settings>: one row per STUN/TURN server. Rows are numbered in
// their legends and remove buttons, and data-field carries the index the server uses in its error
// paths (iceServers.0.urls), so both are rewritten whenever a row comes or goes.

/** @typedef {{urls: string[], username: string | null, credential: string | null}} IceServer */

/** The server accepts at most this many. */
export const MAX_ICE_SERVERS = 10;

let nextRowId = 0;

/** @param {string} id */
const ROW = (id) => `
  <fieldset>
    <legend></legend>
    <div class="vs-field">
      <label for="${id}-urls">URLs</label>
      <input type="text" id="${id}-urls" class="vs-ice-urls" required maxlength="2100" autocomplete="off" spellcheck="false"
        pattern="\\s*(stun|turns?):[^\\s,]+([\\s,]+(stun|turns?):[^\\s,]+)*[\\s,]*" placeholder="stun:stun.example.org:3478"
        aria-describedby="${id}-urls-hint">
      <p class="vs-hint" id="${id}-urls-hint">stun:, turn: or turns: addresses; separate several with spaces.</p>
      <p class="vs-error" id="${id}-urls-error" hidden></p>
    </div>
    <div class="vs-field">
      <label for="${id}-username">User name</label>
      <input type="text" id="${id}-username" class="vs-ice-username" maxlength="256" autocomplete="off" spellcheck="false">
      <p class="vs-error" id="${id}-username-error" hidden></p>
    </div>
    <div class="vs-field">
      <label for="${id}-credential">Credential</label>
      <input type="text" id="${id}-credential" class="vs-ice-credential" maxlength="256" autocomplete="off" spellcheck="false">
      <p class="vs-error" id="${id}-credential-error" hidden></p>
    </div>
    <button type="button" class="vs-ice-remove">Remove <span class="vs-visually-hidden"></span></button>
  </fieldset>`;

/** @param {string} text */
const orNull = (text) => (text.trim() === '' ? null : text.trim());

export class IceEditor {
  /** @type {HTMLOListElement} */ #list;
  /** @type {HTMLButtonElement} */ #add;

  /** @param {ShadowRoot} root */
  constructor(root) {
    this.#list = /** @type {HTMLOListElement} */ (root.querySelector('.vs-ice-list'));
    this.#add = /** @type {HTMLButtonElement} */ (root.querySelector('.vs-ice-add'));
  }

  /** @param {IceServer[]} servers */
  set(servers) {
    this.#list.replaceChildren(...servers.map((s) => this.#row(s)));
    this.#renumber();
  }

  /** @returns {IceServer[]} */
  get() {
    return [...this.#list.children].map((li) => ({
      urls: this.#input(li, 'urls').value.split(/[\s,]+/).filter((u) => u !== ''),
      username: orNull(this.#input(li, 'username').value),
      credential: orNull(this.#input(li, 'credential').value),
    }));
  }

  /**
   * Handles a click inside the element; true when it was the editor's.
   * @param {Element} target
   */
  click(target) {
    if (target.closest('.vs-ice-add')) {
      if (this.#list.children.length >= MAX_ICE_SERVERS) return true;
      const row = this.#row({ urls: [], username: null, credential: null });
      this.#list.append(row);
      this.#renumber();
      this.#input(row, 'urls').focus();
      return true;
    }
    const remove = target.closest('.vs-ice-remove');
    if (!remove) return false;
    const row = /** @type {HTMLLIElement} */ (remove.closest('li'));
    const next = /** @type {HTMLLIElement | null} */ (row.nextElementSibling || row.previousElementSibling);
    row.remove();
    this.#renumber();
    // Keep keyboard users where they were instead of dropping focus to the page.
    (next ? this.#input(next, 'urls') : this.#add).focus();
    return true;
  }

  /** @param {IceServer} server */
  #row(server) {
    const id = `vs-ice-${++nextRowId}`;
    const li = document.createElement('li');
    li.className = 'vs-ice-row';
    li.innerHTML = ROW(id);
    this.#input(li, 'urls').value = (server.urls || []).join(' ');
    this.#input(li, 'username').value = server.username ?? '';
    this.#input(li, 'credential').value = server.credential ?? '';
    return li;
  }

  #renumber() {
    [...this.#list.children].forEach((li, i) => {
      const name = `ICE server ${i + 1}`;
      /** @type {HTMLElement} */ (li.querySelector('legend')).textContent = name;
      /** @type {HTMLElement} */ (li.querySelector('.vs-ice-remove .vs-visually-hidden')).textContent = name;
      for (const part of ['urls', 'username', 'credential']) this.#input(li, part).dataset.field = `iceServers.${i}.${part}`;
    });
    this.#add.disabled = this.#list.children.length >= MAX_ICE_SERVERS;
  }

  /**
   * @param {Element} row
   * @param {string} part
   */
  #input(row, part) {
    return /** @type {HTMLInputElement} */ (row.querySelector(`.vs-ice-${part}`));
  }
}
