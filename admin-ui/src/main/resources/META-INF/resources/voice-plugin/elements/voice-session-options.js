// What the tenant's realtime-calls/options tell the widget beyond how to connect: whether it offers
// push-to-talk, whether the user's words are transcribed, whether the transcript is kept. Every field
// is optional (a server from before issue #13 sends none of them), so each has the value the widget
// had before: no push-to-talk, nothing said of storage. The element reads them once when it is put on
// the page (the toggle and the storage notice are there before Start) and again with each session.

import { callApi } from './api.js';

/**
 * transcription null: the options do not say; the session's own settings then tell (see the element).
 * @typedef {{pushToTalk: 'off' | 'offered' | 'on', live: boolean, transcription: boolean | null,
 *   stored: {days: number | null} | null}} WidgetOptions stored null: transcripts are not kept
 */

/** @param {any} body realtime-calls/options, or null when there are none (browser mode on an older server) @returns {WidgetOptions} */
export function widgetOptions(body) {
  const ptt = body?.pushToTalk;
  const storage = body?.transcriptStorage;
  const days = Number(storage?.retentionDays);
  return {
    pushToTalk: ptt === 'offered' || ptt === 'on' ? ptt : 'off',
    live: body?.api === 'live',
    transcription: typeof body?.userTranscription === 'boolean' ? body.userTranscription : null,
    stored: storage?.enabled === true ? { days: days > 0 ? Math.round(days) : null } : null,
  };
}

/**
 * The options as the page loads: anything but an answer (signed out, an older server) leaves the defaults.
 * @param {string} apiBase @param {AbortSignal} signal @returns {Promise<WidgetOptions>}
 */
export async function fetchOptions(apiBase, signal) {
  try {
    return widgetOptions((await callApi(apiBase, 'realtime-calls/options', { signal })).body);
  } catch {
    return widgetOptions(null);
  }
}
