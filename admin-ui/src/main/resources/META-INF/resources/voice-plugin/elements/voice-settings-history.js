// The settings history: one entry per version, newest first, saying who changed what and when,
// with a Restore button on every earlier version (the element handles its clicks). Text only
// through textContent: names and field lists come from the server and are never parsed as markup.
import { ApiError, callApi } from './api.js';

const PAGE_SIZE = 20;

/** Readable names of the settings' fields, for "what changed". */
const FIELD_NAMES = /** @type {Record<string, string>} */ ({
  provider: 'provider', azure: 'Azure connection', model: 'model', voice: 'voice',
  outputModalities: 'output', instructions: 'instructions', turnDetection: 'turn detection',
  transcription: 'transcription', noiseReduction: 'noise reduction', speed: 'speed',
  maxOutputTokens: 'answer length', clientSecretTtlSeconds: 'session key lifetime',
  iceServers: 'ICE servers', apiKey: 'API key',
});

/** @param {string} field e.g. "voice" or "turnDetection.threshold" */
export const fieldName = (field) => {
  const [head, ...rest] = field.replace(/^settings\./, '').split('.');
  const name = FIELD_NAMES[head] ?? head;
  return rest.length ? `${name} (${rest.join('.')})` : name;
};

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
 * What an entry did, in words.
 * @param {{action: string, changedFields?: string[], restoredFrom?: number | null}} item
 */
function describe(item) {
  if (item.action === 'restore') return `Restored version ${item.restoredFrom}.`;
  if (item.action === 'api_key_removed') return 'Removed the API key.';
  const fields = item.changedFields || [];
  return fields.length ? `Changed ${fields.map(fieldName).join(', ')}.` : 'Saved without changes.';
}

/**
 * One history entry.
 * @param {any} item
 * @param {number} currentVersion
 */
export function historyEntry(item, currentVersion) {
  const li = el('li', 'vs-history-item');
  li.dataset.version = String(item.version);
  const head = el('p', 'vs-history-head');
  head.append(el('strong', '', `Version ${item.version}`));
  if (item.version === currentVersion) head.append(el('span', 'vs-badge', 'current'));
  const meta = el('p', 'vs-history-meta');
  const time = /** @type {HTMLTimeElement} */ (el('time', '', formatTime(item.changedAt)));
  time.dateTime = String(item.changedAt);
  meta.append(`${item.changedBy} · `, time);
  li.append(head, meta, el('p', 'vs-history-what', describe(item)));
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
  #page = 0;

  /** @param {ShadowRoot} root */
  constructor(root) {
    this.#section = /** @type {HTMLElement} */ (root.querySelector('.vs-history'));
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
      const entries = body.items.map((/** @type {any} */ item) => historyEntry(item, currentVersion));
      if (more) q('.vs-history-list').append(...entries);
      else q('.vs-history-list').replaceChildren(...entries);
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
