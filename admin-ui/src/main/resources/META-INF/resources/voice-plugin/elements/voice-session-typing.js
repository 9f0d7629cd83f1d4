// Typing instead of talking, for quiet rooms: the text goes to the provider as the user's own message
// (conversation.item.create with one input_text part, the only item the relay forwards) followed by a
// plain response.create. The transcript shows it when the provider announces the item, as it does for
// speech, so the two never disagree on order.

/** The relay's limit for one typed message (ClientEventPolicy); the provider's is far above it. */
export const MAX_TYPED_CHARS = 4096;

/** @param {string} text @returns {object[]} the client events that say it */
export function typedMessage(text) {
  return [
    { type: 'conversation.item.create', item: { type: 'message', role: 'user', content: [{ type: 'input_text', text }] } },
    { type: 'response.create' },
  ];
}

/**
 * @param {HTMLFormElement} form with an input named "text"
 * @param {(text: string) => boolean} send false when the message could not be sent (then the text stays)
 * @param {AbortSignal} signal the element's lifetime
 */
export function listenForTyping(form, send, signal) {
  const input = /** @type {HTMLInputElement} */ (form.elements.namedItem('text'));
  input.maxLength = MAX_TYPED_CHARS;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = input.value.trim();
    if (text && send(text)) input.value = '';
    input.focus();
  }, { signal });
}
