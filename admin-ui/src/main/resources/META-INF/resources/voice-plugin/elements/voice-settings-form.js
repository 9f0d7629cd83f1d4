// Moves a settings document into the form and back, and shows only the parts that apply.
// The server rejects options that do not apply to a choice, so reading the form sends null for
// them; their inputs keep what was typed, so switching back and forth loses nothing.

import { fillCalls, readCalls, updateCallsVisibility } from './voice-settings-calls.js';
import { fillLive, isAzure, isLive, liveApplies, readLive, realtimeSettingsOf, voicesOf } from './voice-settings-live.js';
import { fillPrivacy, readPrivacy, updatePrivacyVisibility } from './voice-settings-privacy.js';

/** Values a part of the form starts with when it first applies. */
const DEFAULTS = {
  azure: { endpoint: '', auth: 'api-key' },
  serverVad: { threshold: 0.5, prefixPaddingMs: 300, silenceDurationMs: 500, idleTimeoutMs: null },
  eagerness: 'auto',
  transcription: { model: 'gpt-4o-mini-transcribe', language: null, prompt: null },
};

/**
 * @param {ParentNode} root
 * @param {string} id without the vs- prefix
 */
const $ = (root, id) => /** @type {HTMLInputElement} */ (root.querySelector(`#vs-${id}`));

/** @param {HTMLInputElement} input */
const num = (input) => (input.value.trim() === '' ? null : Number(input.value));

/**
 * @param {HTMLInputElement} input
 * @param {unknown} value
 */
const put = (input, value) => {
  input.value = value === null || value === undefined ? '' : String(value);
};

/**
 * Fills the form from a settings document.
 * @param {ParentNode} root
 * @param {any} s the "settings" object of the API
 * @param {{set(servers: any[]): void}} ice
 */
export function fillForm(root, s, ice) {
  put($(root, 'provider'), s.provider);
  fillLive(root, s);
  const azure = s.azure || DEFAULTS.azure;
  put($(root, 'azure-endpoint'), azure.endpoint);
  put($(root, 'azure-auth'), azure.auth);
  put($(root, 'model'), s.model);
  const builtIn = voicesOf(s.provider).includes(s.voice);
  put($(root, 'voice'), builtIn ? s.voice : 'custom');
  put($(root, 'custom-voice'), builtIn ? '' : s.voice);
  put($(root, 'instructions'), s.instructions);
  // A GPT-Live document has null for the Realtime-only settings: the form keeps what it showed (or
  // the Realtime defaults), so switching back to the Realtime API finds them as they were.
  const realtime = realtimeSettingsOf(root, s);
  if (realtime) fillRealtime(root, realtime);
  ice.set(s.iceServers || []);
  fillCalls(root, s);
  fillPrivacy(root, s);
  $(root, 'api-key').value = '';
  updateVisibility(root);
}

/** @param {ParentNode} root @param {any} s settings with the Realtime-only fields set */
function fillRealtime(root, s) {
  const modality = (s.outputModalities || ['audio'])[0];
  $(root, 'output-audio').checked = modality !== 'text';
  $(root, 'output-text').checked = modality === 'text';
  put($(root, 'speed'), s.speed);
  put($(root, 'noise'), s.noiseReduction);
  $(root, 'tokens-unlimited').checked = s.maxOutputTokens === 'inf';
  put($(root, 'max-tokens'), s.maxOutputTokens === 'inf' ? 4096 : s.maxOutputTokens);

  const td = s.turnDetection || { type: 'none' };
  const vad = td.type === 'server_vad' ? td : DEFAULTS.serverVad;
  put($(root, 'turn-type'), td.type);
  put($(root, 'threshold'), vad.threshold);
  put($(root, 'prefix-padding'), vad.prefixPaddingMs);
  put($(root, 'silence'), vad.silenceDurationMs);
  put($(root, 'idle-timeout'), vad.idleTimeoutMs);
  put($(root, 'eagerness'), td.eagerness || DEFAULTS.eagerness);
  $(root, 'create-response').checked = td.createResponse ?? true;
  $(root, 'interrupt-response').checked = td.interruptResponse ?? true;

  $(root, 'transcription-on').checked = s.transcription !== null && s.transcription !== undefined;
  const tr = s.transcription || DEFAULTS.transcription;
  put($(root, 'transcription-model'), tr.model);
  put($(root, 'transcription-language'), tr.language);
  put($(root, 'transcription-prompt'), tr.prompt);

  put($(root, 'ttl'), s.clientSecretTtlSeconds);
}

/**
 * Reads the form into the API's settings object: exactly the accepted fields, with null for the
 * options that do not apply.
 * @param {ParentNode} root
 * @param {{get(): any[]}} ice
 */
export function readForm(root, ice) {
  const provider = $(root, 'provider').value;
  const type = $(root, 'turn-type').value;
  const serverVad = type === 'server_vad';
  const vad = type !== 'none';
  const voice = $(root, 'voice').value;
  const transcription = $(root, 'transcription-on').checked;
  const orNull = (/** @type {string} */ id) => $(root, id).value.trim() || null;
  return readLive(root, {
    provider,
    azure: isAzure(provider)
      ? { endpoint: $(root, 'azure-endpoint').value.trim(), auth: $(root, 'azure-auth').value }
      : null,
    model: $(root, 'model').value.trim(),
    voice: voice === 'custom' ? $(root, 'custom-voice').value.trim() : voice,
    outputModalities: [$(root, 'output-text').checked ? 'text' : 'audio'],
    instructions: $(root, 'instructions').value,
    turnDetection: {
      type,
      threshold: serverVad ? num($(root, 'threshold')) : null,
      prefixPaddingMs: serverVad ? num($(root, 'prefix-padding')) : null,
      silenceDurationMs: serverVad ? num($(root, 'silence')) : null,
      idleTimeoutMs: serverVad ? num($(root, 'idle-timeout')) : null,
      eagerness: type === 'semantic_vad' ? $(root, 'eagerness').value : null,
      createResponse: vad ? $(root, 'create-response').checked : null,
      interruptResponse: vad ? $(root, 'interrupt-response').checked : null,
    },
    transcription: transcription
      ? { model: $(root, 'transcription-model').value.trim(), language: orNull('transcription-language'),
          prompt: orNull('transcription-prompt') }
      : null,
    noiseReduction: $(root, 'noise').value,
    speed: num($(root, 'speed')),
    maxOutputTokens: $(root, 'tokens-unlimited').checked ? 'inf' : num($(root, 'max-tokens')),
    clientSecretTtlSeconds: num($(root, 'ttl')),
    iceServers: ice.get(),
    ...readCalls(root),
    ...readPrivacy(root, isLive(provider)),
  });
}

/**
 * Shows the parts that apply to the current choices and disables the rest, so hidden inputs are
 * neither focusable nor validated.
 * @param {ParentNode} root
 */
export function updateVisibility(root) {
  const type = $(root, 'turn-type').value;
  /** @type {Record<string, boolean>} */
  const applies = {
    ...liveApplies(root),
    'custom-voice': $(root, 'voice').value === 'custom',
    server_vad: type === 'server_vad',
    semantic_vad: type === 'semantic_vad',
    vad: type !== 'none',
    transcription: $(root, 'transcription-on').checked,
  };
  for (const part of /** @type {NodeListOf<HTMLElement>} */ (root.querySelectorAll('[data-show]'))) {
    const on = applies[/** @type {string} */ (part.dataset.show)] ?? true;
    part.hidden = !on;
    if (part instanceof HTMLFieldSetElement) part.disabled = !on;
    else for (const c of part.querySelectorAll('input, select, textarea')) /** @type {HTMLInputElement} */ (c).disabled = !on;
  }
  $(root, 'max-tokens').disabled = $(root, 'tokens-unlimited').checked;
  updateCallsVisibility(root);
  updatePrivacyVisibility(root);
}

/**
 * Updates the live character count of the instructions and flags them when too long.
 * @param {ParentNode} root
 * @param {number} max
 */
export function updateCount(root, max) {
  const area = $(root, 'instructions');
  const count = /** @type {HTMLElement} */ (root.querySelector('#vs-instructions-count'));
  const used = area.value.length;
  const fmt = new Intl.NumberFormat();
  count.textContent = used > max
    ? `${fmt.format(used)} of ${fmt.format(max)} characters: ${fmt.format(used - max)} too many.`
    : `${fmt.format(used)} of ${fmt.format(max)} characters.`;
  count.classList.toggle('vs-over', used > max);
  area.setCustomValidity(used > max ? `Shorten the instructions to at most ${fmt.format(max)} characters.` : '');
}

/**
 * The browser's own checks (required, ranges, patterns) for the controls that apply.
 * @param {ParentNode} root
 * @returns {{field: string, message: string}[]}
 */
export function clientErrors(root) {
  return [...root.querySelectorAll('input, select, textarea')]
    .map((c) => /** @type {HTMLInputElement} */ (c))
    .filter((c) => c.willValidate && c.dataset.field && !c.checkValidity())
    .map((c) => ({ field: /** @type {string} */ (c.dataset.field), message: c.validationMessage }));
}
