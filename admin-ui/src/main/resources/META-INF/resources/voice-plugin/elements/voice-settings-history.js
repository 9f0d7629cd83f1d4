// The settings history: one entry per version, newest first, saying who changed what and when
// (each field with its old and new value, see voice-settings-changes.js), with a Restore button on
// every earlier version (the element handles its clicks). Text only through textContent: names and
// values come from the server and are never parsed as markup.
import { ApiError, callApi } from './api.js';
import { changeList } from './voice-settings-changes.js';

const PAGE_SIZE = 20;

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * A timestamp of the API (ISO 8601) for people; anything unreadable is shown as it came.
 * @param {string | null | undefined} iso
 */
export const formatTime = (iso) => {
  if (iso === null || iso === undefined || iso === '') return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso) : dateFormat.format(date);
};

/**
 * @param {string} tag
 * @param {string} className
 * @param {string} [text]
 */
const el = (tag, className, text) => {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
};

/**
 * What an entry did, in words, when a list of changes does not say it.
 * @param {{action: string, changedFields?: string[], restoredFrom?: number | null}} item
 */
function describe(item) {
  if (item.action === 'restore') return `Restored version ${item.restoredFrom}.`;
  if (item.action === 'api_key_removed') return 'Removed the API key.';
  return item.changedFields?.length ? '' : 'Saved without changes.';
}

/**
 * One history entry.
 * @param {any} item
 * @param {number} currentVersion
 * @param {ParentNode} form where the changes' labels come from
 * @param {any} [older] the entry of the version before, for the old values
 */
export function historyEntry(item, currentVersion, form, older) {
  const li = el('li', 'vs-history-item');
  li.dataset.version = String(item.version);
  const head = el('p', 'vs-history-head');
  head.append(el('strong', '', `Version ${item.version}`));
  if (item.version === currentVersion) head.append(el('span', 'vs-badge', 'current'));
  const meta = el('p', 'vs-history-meta');
  const time = /** @type {HTMLTimeElement} */ (el('time', '', formatTime(item.changedAt)));
  time.dateTime = String(item.changedAt);
  meta.append(`${item.changedBy} · `, time);
  li.append(head, meta);
  const what = describe(item);
  if (what) li.append(el('p', 'vs-history-what', what));
  const changes = changeList(form, item, older);
  if (changes) li.append(changes);
  if (item.version < currentVersion) {
    const restore = /** @type {HTMLButtonElement} */ (el('button', 'vs-history-restore', `Restore version ${item.version}`));
    restore.type = 'button';
    restore.dataset.restore = String(item.version);
    li.append(restore);
  }
  return li;
}

/** The history section of the element: loads pages of the history and renders them. */
export class HistoryView {
  /** @type {HTMLElement} */ #section;
  /** @type {ParentNode} */ #form;
  #page = 0;
  /** The oldest entry shown: its old values arrive with the next page. @type {any} */ #oldest = null;

  /** @param {ShadowRoot} root */
  constructor(root) {
    this.#section = /** @type {HTMLElement} */ (root.querySelector('.vs-history'));
    this.#form = /** @type {ParentNode} */ (root.querySelector('.vs-form'));
  }

  /**
   * Loads the first page again, or the next one.
   * @param {string} apiBase
   * @param {number} currentVersion
   * @param {{more?: boolean, signal?: AbortSignal}} [options]
   */
  async load(apiBase, currentVersion, { more = false, signal } = {}) {
    const page = more ? this.#page + 1 : 0;
    const q = (/** @type {string} */ s) => /** @type {HTMLElement} */ (this.#section.querySelector(s));
    const message = q('.vs-history-message');
    try {
      const { body } = await callApi(apiBase, `realtime-settings/history?page=${page}&size=${PAGE_SIZE}`, { signal });
      /** @type {any[]} */
      const items = body.items;
      const entries = items.map((item, i) => historyEntry(item, currentVersion, this.#form, items[i + 1]));
      const list = q('.vs-history-list');
      if (more) {
        const last = this.#oldest && list.querySelector(`[data-version="${this.#oldest.version}"]`);
        if (last && items.length) last.replaceWith(historyEntry(this.#oldest, currentVersion, this.#form, items[0]));
        list.append(...entries);
      } else {
        list.replaceChildren(...entries);
      }
      if (items.length) this.#oldest = items[items.length - 1];
      this.#page = page;
      q('.vs-history-more').hidden = (page + 1) * PAGE_SIZE >= body.total;
      message.textContent = body.total === 0 ? 'Nothing has been saved yet.' : '';
      message.hidden = body.total !== 0;
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') return;
      message.textContent = `The history could not be loaded. ${e instanceof ApiError ? e.humanMessage : e}`;
      message.hidden = false;
    }
    this.#section.hidden = false;
  }

  hide() {
    this.#section.hidden = true;
  }
}
