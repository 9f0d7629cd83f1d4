// The "Push-to-talk and transcripts" part of the settings form. A server from before issue #13 sends
// neither field and would reject them as unknown, so the part shows, and is sent, only when the loaded
// document has them. Both are Realtime-only: for GPT-Live they are sent as off (the server refuses
// anything else by name) while the inputs keep what was chosen, for switching back.

/** @param {ParentNode} root @param {string} id without the vs- prefix */
const $ = (root, id) => /** @type {HTMLInputElement} */ (root.querySelector(`#vs-${id}`));

/** @param {ParentNode} root */
const part = (root) => /** @type {HTMLFieldSetElement} */ (root.querySelector('.vs-privacy'));

/** @param {ParentNode} root @param {any} s the "settings" object of the API */
export function fillPrivacy(root, s) {
  const supported = s.pushToTalk !== undefined && s.transcripts !== undefined;
  part(root).hidden = !supported;
  part(root).disabled = !supported;
  if (!supported) return;
  if (!s.provider.endsWith('-live')) {
    $(root, 'push-to-talk').value = s.pushToTalk;
    $(root, 'transcripts-store').checked = s.transcripts.store === true;
  }
  $(root, 'transcripts-days').value = String(s.transcripts.retentionDays ?? 30);
}

/** The part's fields of the API's settings object, or none when the server does not know them. @param {ParentNode} root @param {boolean} live */
export function readPrivacy(root, live) {
  if (part(root).hidden) return {};
  const days = $(root, 'transcripts-days').value.trim();
  return {
    pushToTalk: live ? 'off' : $(root, 'push-to-talk').value,
    transcripts: { store: live ? false : $(root, 'transcripts-store').checked, retentionDays: days === '' ? null : Number(days) },
  };
}

/** Days apply only while storing. @param {ParentNode} root */
export function updatePrivacyVisibility(root) {
  if (part(root).hidden) return;
  const live = root.querySelector('.vs-transcripts')?.hasAttribute('hidden');
  $(root, 'transcripts-days').disabled = live || !$(root, 'transcripts-store').checked;
}
