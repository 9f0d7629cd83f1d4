// Puts validation messages (the browser's own and the server's) next to the control they are about,
// linked with aria-describedby and aria-invalid. Server paths look like "settings.turnDetection.threshold"
// or "settings.iceServers[0].urls[1]"; a path with no control of its own goes to its nearest
// ancestor that has one (a fieldset), and a message with no place at all to the list above the form.
// Also: failures of whole requests, in words.

import { ApiError } from './api.js';

/** @typedef {{field?: string, code?: string, message: string}} FieldError */

/** @param {string} path */
export function normalizePath(path) {
  return path.replace(/\[(\d+)\]/g, '.$1').replace(/^settings\./, '').replace(/^\./, '');
}

/**
 * The control or fieldset that shows the error for a path. When several controls edit one value
 * (the voice select and the custom voice id), the last enabled one is the more specific.
 * @param {ParentNode} root
 * @param {string} path
 * @returns {HTMLElement | null}
 */
export function errorTarget(root, path) {
  let p = normalizePath(path);
  while (p) {
    const matches = /** @type {HTMLElement[]} */ ([...root.querySelectorAll(`[data-field="${CSS.escape(p)}"]`)])
      .filter((el) => !el.matches(':disabled') && !el.closest('[hidden]'));
    const control = matches.filter((el) => el.localName !== 'fieldset').at(-1);
    if (control) return control;
    if (matches.length) return matches[0];
    p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '';
  }
  return null;
}

/** @param {string} message */
const sentence = (message) => {
  const text = message.trim();
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
};

/**
 * Shows a message next to its control.
 * @param {ParentNode} root
 * @param {FieldError} error
 * @returns {HTMLElement | null} what to focus, or null when the message has no place in the form
 */
export function showFieldError(root, error) {
  const target = error.field ? errorTarget(root, error.field) : null;
  if (!target) return null;
  const isGroup = target.localName === 'fieldset';
  const slot = /** @type {HTMLElement | null | undefined} */ (isGroup
    ? target.querySelector(':scope > .vs-error')
    : target.closest('.vs-field, .vs-check')?.querySelector('.vs-error'));
  if (!slot) return null;
  slot.textContent = slot.textContent ? `${slot.textContent} ${sentence(error.message)}` : sentence(error.message);
  slot.hidden = false;
  const ids = (target.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
  if (!ids.includes(slot.id)) target.setAttribute('aria-describedby', [slot.id, ...ids].join(' '));
  if (!isGroup) target.setAttribute('aria-invalid', 'true');
  target.closest('.vs-field, .vs-check, fieldset')?.classList.add('vs-has-error');
  if (!isGroup) return target;
  return target.querySelector('input:enabled, select:enabled, textarea:enabled') || target;
}

/**
 * Lists messages that belong to no control (e.g. an unknown field) above the form.
 * @param {ParentNode} root
 * @param {FieldError[]} errors
 */
export function showFormErrors(root, errors) {
  const box = /** @type {HTMLElement} */ (root.querySelector('.vs-form-errors'));
  const list = /** @type {HTMLUListElement} */ (box.querySelector('ul'));
  list.replaceChildren(...errors.map((e) => {
    const li = document.createElement('li');
    li.textContent = e.field ? `${normalizePath(e.field)}: ${e.message}` : e.message;
    return li;
  }));
  box.hidden = errors.length === 0;
}

/** @param {ParentNode} root */
export function clearErrors(root) {
  for (const slot of root.querySelectorAll('.vs-error')) {
    slot.textContent = '';
    /** @type {HTMLElement} */ (slot).hidden = true;
    const owner = root.querySelector(`[aria-describedby~="${slot.id}"]`);
    if (owner) {
      const rest = (owner.getAttribute('aria-describedby') || '').split(/\s+/).filter((id) => id && id !== slot.id);
      if (rest.length) owner.setAttribute('aria-describedby', rest.join(' '));
      else owner.removeAttribute('aria-describedby');
    }
  }
  for (const el of root.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  for (const el of root.querySelectorAll('.vs-has-error')) el.classList.remove('vs-has-error');
  showFormErrors(root, []);
}

/** @param {unknown} e */
export const isAbort = (e) => e instanceof DOMException && e.name === 'AbortError';

/**
 * A failure in words. Only problem documents carry words meant for people; anything else (an HTML
 * error page of a proxy, say) is reduced to its status.
 * @param {unknown} e
 */
export const explain = (e) => {
  if (!(e instanceof ApiError)) return String(e);
  return e.problem.code || e.status === 0 ? e.humanMessage : `The server answered with HTTP status ${e.status}.`;
};
