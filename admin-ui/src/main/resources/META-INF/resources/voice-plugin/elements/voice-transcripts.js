// <voice-transcripts>: a tenant administrator's stored call transcripts (issue #13): the list, newest
// first and paged, one transcript at a time, its export as text or JSON, and delete after a confirm.
// Embedding: <script type="module" src=".../voice-transcripts-define.js"></script> and
// <voice-transcripts api-base="../api/v1"></voice-transcripts>.

import { callApi } from './api.js';

const MARKUP = `<section aria-labelledby="vt-heading">
  <h3 id="vt-heading">Stored transcripts</h3>
  <p class="vt-status" role="status" aria-live="polite"></p>
  <table class="vt-list" hidden><thead><tr><th scope="col">Started</th><th scope="col">User</th><th scope="col">Lines</th>
    <th scope="col">Kept until</th><th scope="col"><span class="vt-sr">Actions</span></th></tr></thead><tbody></tbody></table>
  <button type="button" class="vt-more" hidden>Show older transcripts</button>
  <article class="vt-view" hidden aria-labelledby="vt-view-heading">
    <h4 id="vt-view-heading" tabindex="-1"></h4>
    <button type="button" class="vt-export-text">Export as text</button>
    <button type="button" class="vt-export-json">Export as JSON</button>
    <button type="button" class="vt-delete vt-danger">Delete…</button>
    <div class="vt-confirm" role="group" aria-labelledby="vt-confirm-text" hidden>
      <p id="vt-confirm-text">Delete this transcript for good? This cannot be undone.</p>
      <button type="button" class="vt-delete-yes vt-danger">Delete the transcript</button>
      <button type="button" class="vt-delete-no">Keep it</button>
    </div>
    <ol class="vt-lines" aria-label="Transcript"></ol>
  </article>
</section>`;

/** @param {string} iso */
const when = (iso) => (iso ? new Date(iso).toLocaleString() : '');

/** Fires `voice-transcript-deleted` (detail {callId}) after an administrator deleted a transcript. */
export class VoiceTranscripts extends HTMLElement {
  static observedAttributes = ['api-base'];

  /** Registers the element; a second call (or another script that defined the tag) is harmless. */
  static define(tag = 'voice-transcripts', registry = customElements) {
    if (!registry.get(tag)) registry.define(tag, this);
    return this;
  }

  #root;
  /** @type {AbortController | null} */ #connection = null;
  /** @type {string | null} */ #cursor = null;
  /** @type {any} */ #open = null;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    // A stylesheet of its own, not a <style>: the admin page's CSP allows styles from 'self' only.
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = new URL('voice-transcripts.css', import.meta.url).href;
    this.#root.innerHTML = MARKUP;
    this.#root.prepend(link);
  }

  /** Base URL of the plugin's REST API; mirrors the `api-base` attribute. */
  get apiBase() {
    return this.getAttribute('api-base') || '../api/v1';
  }

  set apiBase(value) {
    this.setAttribute('api-base', value);
  }

  connectedCallback() {
    this.#connection = new AbortController();
    this.#root.addEventListener('click', (e) => this.#click(/** @type {Element} */ (e.target)), { signal: this.#connection.signal });
    this.refresh();
  }

  disconnectedCallback() {
    this.#connection?.abort();
    this.#connection = null;
  }

  /** Loads the newest page again. */
  async refresh() {
    /** @type {HTMLElement} */ (this.#q('tbody')).replaceChildren();
    this.#cursor = null;
    await this.#load();
  }

  /** @param {string} selector */
  #q(selector) {
    return /** @type {HTMLElement} */ (this.#root.querySelector(selector));
  }

  /** @param {string} text */
  #status(text) {
    this.#q('.vt-status').textContent = text;
  }

  async #call(/** @type {string} */ path, /** @type {any} */ options = {}) {
    try {
      return await callApi(this.apiBase, path, { ...options, signal: this.#connection?.signal });
    } catch (e) {
      if (/** @type {Error} */ (e).name !== 'AbortError') this.#status(/** @type {any} */ (e).humanMessage || String(e));
      return null;
    }
  }

  async #load() {
    const page = await this.#call('transcripts?limit=20' + (this.#cursor ? '&cursor=' + encodeURIComponent(this.#cursor) : ''));
    if (!page) return;
    const body = this.#q('tbody');
    for (const t of page.body.items) {
      const row = document.createElement('tr');
      for (const text of [when(t.startedAt), t.userId, String(t.lineCount) + (t.truncated ? ' (truncated)' : ''),
        when(t.retentionUntil)]) row.append(Object.assign(document.createElement('td'), { textContent: text }));
      const open = Object.assign(document.createElement('button'), { type: 'button', textContent: 'View', className: 'vt-open' });
      open.dataset.callId = t.callId;
      open.setAttribute('aria-label', `View the transcript of ${t.userId}, ${when(t.startedAt)}`);
      const cell = document.createElement('td');
      cell.append(open);
      row.append(cell);
      body.append(row);
    }
    this.#cursor = page.body.nextCursor || null;
    this.#q('.vt-list').hidden = body.children.length === 0;
    this.#q('.vt-more').hidden = !this.#cursor;
    this.#status(body.children.length === 0 ? 'No stored transcripts.' : '');
  }

  /** @param {Element} target */
  async #click(target) {
    const button = target.closest('button');
    if (!button) return;
    if (button.classList.contains('vt-more')) await this.#load();
    else if (button.classList.contains('vt-open')) await this.#show(/** @type {string} */ (button.dataset.callId));
    else if (button.classList.contains('vt-export-text')) await this.#export('text');
    else if (button.classList.contains('vt-export-json')) await this.#export('json');
    else if (button.classList.contains('vt-delete')) this.#confirm(true);
    else if (button.classList.contains('vt-delete-no')) this.#confirm(false);
    else if (button.classList.contains('vt-delete-yes')) await this.#delete();
  }

  /** @param {string} callId */
  async #show(callId) {
    const reply = await this.#call('transcripts/' + encodeURIComponent(callId));
    if (!reply) return;
    this.#open = reply.body;
    const s = reply.body.summary;
    this.#q('#vt-view-heading').textContent = `Call of ${s.userId}, ${when(s.startedAt)}`;
    this.#q('.vt-lines').replaceChildren(...reply.body.lines.map((/** @type {any} */ line) => {
      const item = document.createElement('li');
      const role = Object.assign(document.createElement('span'), { className: 'vt-role',
        textContent: (line.role === 'user' ? 'User' : 'Assistant') + (line.interrupted ? ' · interrupted' : '') + ': ' });
      if (line.interrupted) item.classList.add('vt-interrupted');
      item.append(role, document.createTextNode(line.text));
      return item;
    }));
    this.#confirm(false);
    this.#q('.vt-view').hidden = false;
    this.#q('#vt-view-heading').focus();
  }

  /** @param {'text' | 'json'} format */
  async #export(format) {
    if (!this.#open) return;
    const id = this.#open.summary.callId;
    const reply = await this.#call(`transcripts/${encodeURIComponent(id)}?format=${format}`,
      { headers: { Accept: format === 'text' ? 'text/plain' : 'application/json' } });
    if (!reply) return;
    const text = format === 'text' ? String(reply.body) : JSON.stringify(reply.body, null, 2);
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([text], { type: format === 'text' ? 'text/plain' : 'application/json' }));
    link.download = `transcript-${id}.${format === 'text' ? 'txt' : 'json'}`;
    this.#root.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }

  /** @param {boolean} asking */
  #confirm(asking) {
    this.#q('.vt-confirm').hidden = !asking;
    this.#q('.vt-delete').hidden = asking;
    if (asking) /** @type {HTMLButtonElement} */ (this.#q('.vt-delete-no')).focus();
  }

  async #delete() {
    const id = this.#open?.summary.callId;
    if (!id || !(await this.#call('transcripts/' + encodeURIComponent(id), { method: 'DELETE' }))) return;
    this.#open = null;
    this.#q('.vt-view').hidden = true;
    this.dispatchEvent(new CustomEvent('voice-transcript-deleted', { detail: { callId: id }, bubbles: true, composed: true }));
    await this.refresh();
    this.#status('The transcript was deleted.');
  }
}
