// The "Calls and usage" part of the settings form: how calls connect, what happens when WebRTC cannot,
// their time limit, how many may run at once and the monthly token budget. A server without
// server-controlled calls sends none of these fields and would reject them as unknown, so the part
// shows, and is sent, only when the loaded document has them; the relay field likewise, on its own,
// since a server may have calls but no relay yet.

/** What the form offers when a budget is first switched on. */
const BUDGET_SUGGESTION = 1000000;

/** @param {ParentNode} root @param {string} id without the vs- prefix */
const $ = (root, id) => /** @type {HTMLInputElement} */ (root.querySelector(`#vs-${id}`));

/** @param {ParentNode} root */
const part = (root) => /** @type {HTMLFieldSetElement} */ (root.querySelector('.vs-calls'));

/** @param {ParentNode} root */
const relayField = (root) => /** @type {HTMLElement} */ (root.querySelector('.vs-relay'));

/** @param {HTMLInputElement} input */
const num = (input) => (input.value.trim() === '' ? null : Number(input.value));

/**
 * @param {ParentNode} root
 * @param {any} s the "settings" object of the API
 */
export function fillCalls(root, s) {
  const supported = s.connectionMode !== undefined;
  part(root).hidden = !supported;
  part(root).disabled = !supported;
  if (!supported) return;
  $(root, 'connection-mode').value = s.connectionMode;
  const relay = s.relay !== undefined;
  relayField(root).hidden = !relay;
  relayField(root).dataset.supported = String(relay);
  $(root, 'relay').disabled = !relay;
  if (relay) $(root, 'relay').value = s.relay;
  $(root, 'max-call-minutes').value = String(s.maxCallMinutes ?? '');
  $(root, 'max-concurrent-calls').value = String(s.maxConcurrentCalls ?? '');
  const unlimited = s.monthlyTokenBudget === null || s.monthlyTokenBudget === undefined;
  $(root, 'budget-unlimited').checked = unlimited;
  $(root, 'token-budget').value = String(unlimited ? BUDGET_SUGGESTION : s.monthlyTokenBudget);
}

/**
 * The part's fields of the API's settings object, or none when the server does not know them.
 * @param {ParentNode} root
 */
export function readCalls(root) {
  if (part(root).hidden) return {};
  return {
    connectionMode: $(root, 'connection-mode').value,
    ...(relayField(root).hidden ? {} : { relay: $(root, 'relay').value }),
    maxCallMinutes: num($(root, 'max-call-minutes')),
    maxConcurrentCalls: num($(root, 'max-concurrent-calls')),
    monthlyTokenBudget: $(root, 'budget-unlimited').checked ? null : num($(root, 'token-budget')),
  };
}

/** @param {ParentNode} root */
export function updateCallsVisibility(root) {
  $(root, 'token-budget').disabled = $(root, 'budget-unlimited').checked;
}
