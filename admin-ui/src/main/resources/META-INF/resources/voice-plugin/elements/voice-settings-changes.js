// What one version of the settings changed, as the form names it: "Voice: Alloy → Marin". Labels and
// option names are read from the form in the same shadow root, so the history and the form never
// disagree. Old values come from the next older version; without it only the new value is shown.
// Secrets (API keys, TURN user names and credentials) are only ever "changed", and long texts are
// cut short with the whole text in a <details>.

/** Longer values are cut short in the list. */
const SHORT = 60;

/** Settings whose null is a choice of its own rather than "none". @type {Record<string, string>} */
const NULL_MEANS = { monthlyTokenBudget: 'unlimited' };

/** @param {string} path */
const isSecret = (path) => /^(apiKey|credential|username|password|secret|token)$/i.test(path.split('.').pop() || '');

/**
 * @param {ParentNode} form
 * @param {string} path a dotted path of the server's changedFields, e.g. "turnDetection.threshold"
 * @returns {HTMLElement | null} the first control (or fieldset) that edits it
 */
const controlOf = (form, path) => form.querySelector(`[data-field="${CSS.escape(path)}"]`);

/** @param {HTMLElement | null} control @param {string} path */
function labelOf(control, path) {
  if (path === 'apiKey') return 'API key';
  const text = control instanceof HTMLFieldSetElement ? control.querySelector('legend')?.textContent
    : /** @type {HTMLInputElement} */ (control)?.labels?.[0]?.textContent;
  return text?.trim() || path;
}

/**
 * A value as the form shows it: the option's name for a choice, on/off for a checkbox.
 * @param {HTMLElement | null} control
 * @param {unknown} value
 * @returns {string}
 */
function show(control, value) {
  if (control instanceof HTMLInputElement && control.type === 'checkbox') return value ? 'on' : 'off';
  if (value === null || value === undefined || value === '') return 'none';
  if (value === 'inf') return 'unlimited';
  if (Array.isArray(value)) return value.map((v) => show(control, v)).join(', ') || 'none';
  if (typeof value === 'object') return Object.values(value).filter((v) => v !== null).map((v) => show(null, v)).join(', ');
  const option = control?.querySelector(`option[value="${CSS.escape(String(value))}"], input[value="${CSS.escape(String(value))}"]`);
  const name = option instanceof HTMLInputElement ? option.labels?.[0]?.textContent : option?.textContent;
  return name?.trim() || String(value);
}

/**
 * ICE servers by their addresses; user names and credentials only as "changed".
 * @param {any[] | undefined} before
 * @param {any[]} after
 */
function iceChange(before, after) {
  const urls = (/** @type {any[]} */ list) => list.map((s) => (s.urls || []).join(' ')).join(', ') || 'none';
  const secrets = (/** @type {any[]} */ list) => JSON.stringify(list.map((s) => [s.username, s.credential]));
  const parts = [];
  if (!before) parts.push(`set to ${urls(after)}`);
  else if (urls(before) !== urls(after)) parts.push(`${urls(before)} → ${urls(after)}`);
  if (before && secrets(before) !== secrets(after)) parts.push('credentials changed');
  return parts.join('; ') || 'changed';
}

/** @param {any} settings @param {string} path */
const valueAt = (settings, path) => path.split('.').reduce((v, key) => (v === null || v === undefined ? v : v[key]), settings);

/**
 * @param {string} tag
 * @param {string} [text]
 */
const el = (tag, text) => {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  return node;
};

/** @param {string} text */
const cut = (text) => (text.length > SHORT ? `${text.slice(0, SHORT - 1).trimEnd()}…` : text);

/**
 * One line of the list.
 * @param {ParentNode} form
 * @param {string} path
 * @param {any} item this version
 * @param {any | undefined} older the version before it, when loaded
 */
function changeLine(form, path, item, older) {
  const control = controlOf(form, path);
  const label = labelOf(control, path);
  const li = el('li');
  const lead = `${label}${/[?:]$/.test(label) ? '' : ':'} `;
  if (path === 'apiKey') {
    li.textContent = lead + (!item.apiKeyConfigured ? 'removed' : older && !older.apiKeyConfigured ? 'added' : 'changed');
  } else if (path === 'iceServers') {
    li.textContent = lead + iceChange(older?.settings?.iceServers, item.settings?.iceServers || []);
  } else if (isSecret(path)) {
    li.textContent = `${lead}changed`;
  } else {
    const shown = (/** @type {unknown} */ v) => (v === null && NULL_MEANS[path] ? NULL_MEANS[path] : show(control, v));
    const after = shown(valueAt(item.settings, path));
    const before = older ? shown(valueAt(older.settings, path)) : null;
    const summary = before === null ? `set to ${cut(after)}` : `${cut(before)} → ${cut(after)}`;
    if (after.length <= SHORT && (before === null || before.length <= SHORT)) {
      li.textContent = lead + summary;
    } else {
      const details = el('details');
      details.append(el('summary', lead + summary));
      if (before !== null) details.append(el('p', `Before: ${before}`));
      details.append(el('p', before === null ? after : `After: ${after}`));
      li.append(details);
    }
  }
  return li;
}

/**
 * The list of what a version changed, or null when it changed nothing that has a line.
 * @param {ParentNode} form the settings form, for labels and option names
 * @param {any} item a history entry
 * @param {any | undefined} older the entry of the version before, if loaded
 */
export function changeList(form, item, older) {
  const fields = item.action === 'api_key_removed' ? [] : item.changedFields || [];
  if (!fields.length) return null;
  // In the order of the form (the server sends them sorted by name).
  const order = [...form.querySelectorAll('[data-field]')].map((c) => /** @type {HTMLElement} */ (c).dataset.field);
  const rank = (/** @type {string} */ path) => (order.includes(path) ? order.indexOf(path) : order.length);
  const ul = el('ul');
  ul.className = 'vs-history-changes';
  ul.setAttribute('aria-label', `Changes in version ${item.version}`);
  ul.append(...[...fields].sort((a, b) => rank(a) - rank(b)).map((path) => changeLine(form, path, item, older)));
  return ul;
}
