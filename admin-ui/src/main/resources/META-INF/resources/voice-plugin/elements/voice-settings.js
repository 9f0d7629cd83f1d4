// <voice-settings>: a tenant administrator's screen for the realtime voice settings. Loads the
// settings document, saves it with If-Match (optimistic locking), shows the server's validation
// messages next to their fields, lists the history with Restore, and keeps the API key write-only.
import { ApiError, callApi } from './api.js';
import { clearErrors, explain, isAbort, showFieldError, showFormErrors } from './voice-settings-errors.js';
import { DiagnosticsView } from './voice-settings-diagnostics.js';
import { keepFocusClearOfBar } from './voice-settings-focus.js';
import { clientErrors, fillForm, readForm, updateCount, updateVisibility } from './voice-settings-form.js';
import { HistoryView, formatTime } from './voice-settings-history.js';
import { IceEditor } from './voice-settings-ice.js';
import { cloneMarkup } from './voice-settings-template.js';

const STYLESHEET = new URL('voice-settings.css', import.meta.url).href;
const DEFAULT_INSTRUCTIONS_MAX = 16000;

/** @typedef {{tenantId: string, version: number, updatedAt: string | null, updatedBy: string | null, apiKeyConfigured: boolean, apiKeyLast4: string | null, limits: {instructionsMaxChars: number, liveInstructionsMaxChars?: number}, settings: any}} SettingsDocument */

/**
 * Fires `voice-settings-saved` (detail: the new {@link SettingsDocument}) after every save,
 * restore and key removal.
 */
export class VoiceSettingsElement extends HTMLElement {
  static observedAttributes = ['api-base'];

  /**
   * @param {string} [tag]
   * @param {CustomElementRegistry} [registry]
   */
  static define(tag = 'voice-settings', registry = customElements) {
    registry.define(tag, this);
    return this;
  }

  /** @type {ShadowRoot} */ #root;
  /** @type {IceEditor} */ #ice;
  /** @type {HistoryView} */ #history;
  /** @type {DiagnosticsView} */ #diagnostics;
  /** @type {AbortController | null} */ #connection = null;
  /** @type {SettingsDocument | null} */ #doc = null;
  #etag = '';
  #busy = false;
  /** Counts loads, so that only the newest one's answer is shown (api-base may change mid-load). */
  #loads = 0;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = STYLESHEET;
    this.#root.append(link, cloneMarkup());
    this.#ice = new IceEditor(this.#root);
    this.#history = new HistoryView(this.#root);
    this.#diagnostics = new DiagnosticsView(this.#root);
  }

  /** Base URL of the plugin's REST API; mirrors the `api-base` attribute. */
  get apiBase() {
    return this.getAttribute('api-base') || '../api/v1';
  }

  set apiBase(value) {
    this.setAttribute('api-base', value);
  }

  /** A copy of the settings document last loaded or saved, or null before the first load. */
  get settingsDocument() {
    return this.#doc && structuredClone(this.#doc);
  }

  connectedCallback() {
    this.#connection = new AbortController();
    const signal = this.#connection.signal;
    this.#root.addEventListener('submit', (e) => { e.preventDefault(); this.#save(); }, { signal });
    this.#root.addEventListener('change', () => {
      updateVisibility(this.#root);
      updateCount(this.#root, this.#maxInstructions); // GPT-Live has a limit of its own
    }, { signal });
    this.#root.addEventListener('input', (e) => {
      if (/** @type {Element} */ (e.target).id === 'vs-instructions') updateCount(this.#root, this.#maxInstructions);
    }, { signal });
    this.#root.addEventListener('click', (e) => this.#click(/** @type {Element} */ (e.target)), { signal });
    keepFocusClearOfBar(this.#root, signal);
    this.#load(false);
  }

  disconnectedCallback() {
    this.#connection?.abort();
    this.#connection = null;
  }

  /**
   * @param {string} _name
   * @param {string | null} oldValue
   * @param {string | null} newValue
   */
  attributeChangedCallback(_name, oldValue, newValue) {
    if (oldValue !== newValue && this.#connection) this.#load(false);
  }

  get #maxInstructions() {
    const live = /** @type {HTMLSelectElement} */ (this.#root.querySelector('#vs-provider')).value.endsWith('-live');
    return (live ? this.#doc?.limits?.liveInstructionsMaxChars : this.#doc?.limits?.instructionsMaxChars)
      || DEFAULT_INSTRUCTIONS_MAX;
  }

  /** @param {string} selector */
  #q(selector) {
    return /** @type {HTMLElement} */ (this.#root.querySelector(selector));
  }

  /** @param {Element} target */
  #click(target) {
    if (this.#ice.click(target) || this.#diagnostics.click(target, this.apiBase, this.#connection?.signal)) return;
    const restore = /** @type {HTMLElement | null} */ (target.closest('[data-restore]'));
    if (restore) this.#restore(Number(restore.dataset.restore));
    else if (target.closest('.vs-reload, .vs-retry')) this.#load(true);
    else if (target.closest('.vs-history-more')) this.#loadHistory(true);
    else if (target.closest('.vs-key-remove-ask')) this.#confirmKeyRemoval(true);
    else if (target.closest('.vs-key-remove-no')) this.#confirmKeyRemoval(false);
    else if (target.closest('.vs-key-remove-yes')) this.#removeKey();
  }

  /** @param {boolean} reloading keep the form on screen (Reload after a conflict) */
  async #load(reloading) {
    const load = ++this.#loads;
    if (!reloading) this.#view('loading');
    else this.#status('Loading the saved settings…');
    try {
      const { body, headers } = await callApi(this.apiBase, 'realtime-settings', { signal: this.#connection?.signal });
      if (load !== this.#loads) return;
      this.#apply(body, headers);
      this.#view('form');
      this.#status(reloading ? `Loaded version ${body.version}.` : '');
      if (reloading) this.#q('#vs-meta').focus();
      this.#loadHistory(false);
    } catch (e) {
      if (isAbort(e) || load !== this.#loads) return;
      const message = explain(e);
      const denied = e instanceof ApiError && (e.status === 401 || e.status === 403);
      this.#view('blocked', denied ? message : `The settings could not be loaded. ${message}`);
    }
  }

  /**
   * @param {SettingsDocument} doc
   * @param {Headers} headers
   */
  #apply(doc, headers) {
    this.#doc = doc;
    this.#etag = headers.get('ETag') || `"${doc.version}"`;
    clearErrors(this.#root);
    this.#q('.vs-reload').hidden = true;
    fillForm(this.#root, doc.settings, this.#ice);
    updateCount(this.#root, this.#maxInstructions);
    this.#q('#vs-meta').textContent = doc.version === 0
      ? 'These are the platform defaults: nothing has been saved for this tenant yet.'
      : `Version ${doc.version}, saved ${formatTime(doc.updatedAt)} by ${doc.updatedBy}.`;
    this.#q('#vs-key-status').textContent = doc.apiKeyConfigured
      ? `An API key is saved${doc.apiKeyLast4 ? `; it ends in ${doc.apiKeyLast4}` : ''}.`
      : 'No API key is saved.';
    this.#q('.vs-key-remove').hidden = !doc.apiKeyConfigured;
    this.#q('.vs-key-confirm').hidden = true;
  }

  async #save() {
    if (this.#busy || !this.#doc) return;
    clearErrors(this.#root);
    updateCount(this.#root, this.#maxInstructions);
    const local = clientErrors(this.#root);
    if (local.length) {
      this.#showErrors(local, 'Some settings need attention: see the messages next to them.');
      return;
    }
    /** @type {{settings: any, apiKey?: string}} */
    const body = { settings: readForm(this.#root, this.#ice) };
    const key = /** @type {HTMLInputElement} */ (this.#q('#vs-api-key')).value.trim();
    if (key) body.apiKey = key;
    await this.#write('PUT', 'realtime-settings', body, 'Saving…', (doc) => `Saved as version ${doc.version}.`);
  }

  /** @param {number} version */
  async #restore(version) {
    const done = await this.#write('POST', `realtime-settings/history/${version}/restore`, undefined,
      `Restoring version ${version}…`, (doc) => `Restored version ${version}; it is now version ${doc.version}.`);
    // The clicked button is gone with the old list: continue at the restored settings.
    if (done) this.#q('#vs-meta').focus();
  }

  /** @param {boolean} ask */
  #confirmKeyRemoval(ask) {
    this.#q('.vs-key-confirm').hidden = !ask;
    this.#q(ask ? '.vs-key-remove-no' : '.vs-key-remove-ask').focus();
  }

  async #removeKey() {
    const done = await this.#write('DELETE', 'realtime-settings/api-key', undefined, 'Removing the API key…',
      () => 'The API key was removed.');
    if (done) this.#q('#vs-api-key').focus();
  }

  /**
   * Sends a change with If-Match and takes the new document, or explains why it was refused.
   * @param {string} method
   * @param {string} path
   * @param {unknown} body
   * @param {string} pending
   * @param {(doc: SettingsDocument) => string} done
   */
  async #write(method, path, body, pending, done) {
    if (this.#busy) return false;
    this.#busy = true;
    const save = this.#q('.vs-save');
    // aria-disabled rather than disabled: a disabled button would drop keyboard focus to the page.
    save.setAttribute('aria-disabled', 'true');
    this.#q('.vs-form').setAttribute('aria-busy', 'true');
    this.#status(pending);
    try {
      const reply = await callApi(this.apiBase, path,
        { method, body, headers: { 'If-Match': this.#etag }, signal: this.#connection?.signal });
      this.#apply(reply.body, reply.headers);
      this.#status(done(reply.body));
      this.dispatchEvent(new CustomEvent('voice-settings-saved',
        { detail: structuredClone(reply.body), bubbles: true, composed: true }));
      this.#loadHistory(false);
      return true;
    } catch (e) {
      if (!isAbort(e)) this.#refused(e);
      return false;
    } finally {
      this.#busy = false;
      save.removeAttribute('aria-disabled');
      this.#q('.vs-form').removeAttribute('aria-busy');
    }
  }

  /** @param {unknown} e */
  #refused(e) {
    if (!(e instanceof ApiError)) {
      this.#status(`Not saved: ${explain(e)}`);
      return;
    }
    if (e.status === 401 || e.status === 403) {
      this.#view('blocked', e.humanMessage);
    } else if (e.status === 412 || e.code === 'settings_conflict') {
      this.#status('Not saved: someone else changed these settings after you opened them. '
        + 'Reload to see their version; your changes here will be lost.');
      const reload = this.#q('.vs-reload');
      reload.hidden = false;
      reload.focus();
    } else if (e.code === 'api_key_storage_unavailable') {
      this.#showErrors([{ field: 'apiKey', message: e.humanMessage }], `Not saved: ${e.humanMessage}`);
    } else if (e.errors.length) {
      this.#showErrors(e.errors, `Not saved: ${e.errors.length === 1 ? 'one setting was' : `${e.errors.length} settings were`} `
        + 'not accepted. See the messages next to them.');
    } else {
      this.#status(`Not saved: ${explain(e)}`);
    }
  }

  /**
   * @param {{field?: string, message: string}[]} errors
   * @param {string} summary
   */
  #showErrors(errors, summary) {
    /** @type {HTMLElement | null} */
    let first = null;
    const unplaced = errors.filter((err) => {
      const target = showFieldError(this.#root, err);
      first ??= target;
      return !target;
    });
    showFormErrors(this.#root, unplaced);
    this.#status(summary);
    (first ?? this.#q('#vs-meta')).focus();
  }

  /** @param {boolean} more */
  #loadHistory(more) {
    this.#history.load(this.apiBase, this.#doc?.version ?? 0, { more, signal: this.#connection?.signal });
  }

  /**
   * @param {'loading' | 'form' | 'blocked'} view
   * @param {string} [message]
   */
  #view(view, message = '') {
    this.#q('.vs-loading').hidden = view !== 'loading';
    this.#q('.vs-blocked').hidden = view !== 'blocked';
    this.#q('.vs-blocked-message').textContent = message;
    this.#q('.vs-form').hidden = view !== 'form';
    if (view !== 'form') this.#history.hide();
  }

  /** @param {string} text */
  #status(text) {
    this.#q('.vs-status').textContent = text;
  }
}
