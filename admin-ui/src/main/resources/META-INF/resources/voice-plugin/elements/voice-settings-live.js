// The GPT-Live part of the settings form, and what switching between the Realtime API and GPT-Live
// changes elsewhere in it: the voices and suggested models on offer, and which parts apply. GPT-Live
// rejects settings it does not have, so for it the Realtime-only fields are hidden and sent as null
// (the server refuses them by name otherwise). A server without GPT-Live sends no "live" field and
// would reject one as unknown: then the GPT-Live providers are not offered and nothing of it is sent.

import { BUILT_IN_VOICES, LIVE_BROWSER_EVENTS, LIVE_VOICES, MODEL_SUGGESTIONS } from './voice-settings-template.js';

/** Realtime-only fields of the settings document: null for GPT-Live. */
const REALTIME_ONLY = ['outputModalities', 'turnDetection', 'transcription', 'noiseReduction', 'speed', 'maxOutputTokens',
  'clientSecretTtlSeconds'];
/** The Realtime-only settings a form starts with when its first document is a GPT-Live one (the server's built-in defaults). */
const REALTIME_DEFAULTS = {
  outputModalities: ['audio'],
  turnDetection: { type: 'server_vad', threshold: 0.5, prefixPaddingMs: 300, silenceDurationMs: 500, idleTimeoutMs: null,
    eagerness: null, createResponse: true, interruptResponse: true },
  transcription: { model: 'gpt-4o-mini-transcribe', language: null, prompt: null },
  noiseReduction: 'near_field', speed: 1, maxOutputTokens: 'inf', clientSecretTtlSeconds: 120,
};
/** What a model field holds when a switch of API leaves it with the other API's model. */
const DEFAULT_MODEL = { realtime: 'gpt-realtime', live: 'gpt-live-1.1' };

/** @param {ParentNode} root @param {string} id without the vs- prefix */
const $ = (root, id) => /** @type {HTMLInputElement} */ (root.querySelector(`#vs-${id}`));

/** @param {string} provider */
export const isLive = (provider) => provider.endsWith('-live');

/** @param {string} provider */
export const isAzure = (provider) => provider === 'azure' || provider === 'azure-live';

/** The built-in voices of the provider's API. @param {string} provider */
export const voicesOf = (provider) => (isLive(provider) ? LIVE_VOICES : BUILT_IN_VOICES);

/**
 * The settings to fill the Realtime-only fields from: the document's own for a Realtime provider;
 * for GPT-Live (which has them null) none when the form already shows some, else the defaults.
 * @param {ParentNode} root
 * @param {any} s
 * @returns {any | null}
 */
export function realtimeSettingsOf(root, s) {
  if (!isLive(s.provider)) return s;
  return $(root, 'speed').value !== '' ? null : { ...s, ...REALTIME_DEFAULTS };
}

/** @param {ParentNode} root */
const supported = (root) => $(root, 'provider').dataset.liveSupported === 'true';

/**
 * Fills the GPT-Live part and offers the GPT-Live providers only when the server has them.
 * @param {ParentNode} root
 * @param {any} s the "settings" object of the API
 */
export function fillLive(root, s) {
  const select = $(root, 'provider');
  select.dataset.liveSupported = String('live' in s);
  for (const option of select.querySelectorAll('option[data-live]')) {
    /** @type {HTMLOptionElement} */ (option).disabled = !('live' in s);
    /** @type {HTMLOptionElement} */ (option).hidden = !('live' in s);
  }
  const live = s.live || { delegation: { type: 'off' }, browserEvents: Object.values(LIVE_BROWSER_EVENTS) };
  $(root, 'delegation-type').value = live.delegation?.type || 'off';
  $(root, 'delegation-model').value = live.delegation?.model || 'gpt-5.5';
  $(root, 'delegation-web-search').checked = live.delegation?.webSearch === true;
  for (const [id, event] of Object.entries(LIVE_BROWSER_EVENTS)) $(root, id).checked = (live.browserEvents || []).includes(event);
  offerFor(root, s.provider);
}

/**
 * Adjusts the settings object read from the form for the chosen API: GPT-Live's part, and null
 * for what the other API lacks.
 * @param {ParentNode} root
 * @param {any} settings
 */
export function readLive(root, settings) {
  if (!supported(root)) return settings;
  if (!isLive(settings.provider)) return { ...settings, live: null };
  const responses = $(root, 'delegation-type').value === 'responses';
  const out = { ...settings };
  for (const field of REALTIME_ONLY) out[field] = null;
  if ('connectionMode' in out) out.connectionMode = 'server'; // GPT-Live has no session keys for browsers
  out.live = {
    delegation: responses
      ? { type: 'responses', model: $(root, 'delegation-model').value.trim(), webSearch: $(root, 'delegation-web-search').checked }
      : { type: 'off' },
    browserEvents: Object.entries(LIVE_BROWSER_EVENTS).filter(([id]) => $(root, id).checked).map(([, event]) => event),
  };
  return out;
}

/**
 * What applies for the chosen provider, for the form's data-show parts; switching API also
 * changes the voices and suggested models on offer.
 * @param {ParentNode} root
 * @returns {Record<string, boolean>}
 */
export function liveApplies(root) {
  const provider = $(root, 'provider').value;
  const kind = isLive(provider) ? 'live' : 'realtime';
  if ($(root, 'provider').dataset.kind !== kind) offerFor(root, provider);
  const mode = root.querySelector('#vs-connection-mode')?.closest('.vs-field');
  if (mode instanceof HTMLElement) {
    // GPT-Live calls always go through the server: there is no mode to choose.
    mode.hidden = kind === 'live';
    /** @type {HTMLSelectElement} */ (mode.querySelector('select')).disabled = kind === 'live';
  }
  const relay = root.querySelector('.vs-relay');
  // The relay speaks the Realtime API only; shown again on switching back when the server has it.
  if (relay instanceof HTMLElement && relay.dataset.supported === 'true') relay.hidden = kind === 'live';
  return {
    azure: isAzure(provider),
    live: kind === 'live',
    realtime: kind === 'realtime',
    delegation: $(root, 'delegation-type').value === 'responses',
  };
}

/** The voices and model suggestions of the provider's API, keeping the choices that exist there. @param {ParentNode} root @param {string} provider */
function offerFor(root, provider) {
  const kind = isLive(provider) ? 'live' : 'realtime';
  const before = $(root, 'provider').dataset.kind;
  $(root, 'provider').dataset.kind = kind;
  const voice = /** @type {HTMLSelectElement} */ (/** @type {unknown} */ ($(root, 'voice')));
  const chosen = voice.value;
  voice.replaceChildren(...[...voicesOf(provider), 'custom'].map((v) => {
    const option = document.createElement('option');
    option.value = v;
    option.textContent = v === 'custom' ? 'Custom voice id…' : v[0].toUpperCase() + v.slice(1);
    return option;
  }));
  voice.value = [...voicesOf(provider), 'custom'].includes(chosen) ? chosen : 'marin';
  const list = /** @type {HTMLDataListElement} */ (root.querySelector('#vs-model-list'));
  list.replaceChildren(...MODEL_SUGGESTIONS[kind].map((m) => Object.assign(document.createElement('option'), { value: m })));
  const model = $(root, 'model');
  // Only a switch by the user carries the model over; a loaded document keeps what it says.
  if (before && before !== kind && (kind === 'live' ? /realtime/.test(model.value) : /^gpt-live/.test(model.value))) {
    model.value = DEFAULT_MODEL[kind];
  }
}
