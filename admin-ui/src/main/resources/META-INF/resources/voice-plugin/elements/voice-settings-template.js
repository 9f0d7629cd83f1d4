// The static markup of <voice-settings>. Parsed once per page into a <template> and cloned into
// each shadow root. No inline styles or handlers: the admin page runs under a strict CSP.
// data-field names a control's path in the settings document, so the server's error paths find it;
// data-show marks parts that apply only to some choices (see voice-settings-form.js).

/** Built-in voices of the GA Realtime API; anything else is a custom voice id. */
export const BUILT_IN_VOICES = ['alloy', 'ash', 'ballad', 'coral', 'echo', 'sage', 'shimmer', 'verse', 'marin', 'cedar'];

/** GPT-Live's own built-in voices (default marin). */
export const LIVE_VOICES = ['alloy', 'ash', 'ballad', 'beacon', 'bossa', 'cedar', 'cinder', 'coral', 'delta', 'echo', 'gleam',
  'marin', 'meridian', 'quartz', 'ripple', 'sage', 'shimmer', 'stone', 'tempo', 'verse', 'vesper', 'willow'];

/** Suggested models per API, for the model field's list. */
export const MODEL_SUGGESTIONS = { realtime: ['gpt-realtime', 'gpt-realtime-mini'], live: ['gpt-live-1.1', 'gpt-live-1'] };

/** The client events GPT-Live may let the browser send; the form offers nothing else. */
export const LIVE_BROWSER_EVENTS = { 'browser-mute': 'session.input_audio.mute', 'browser-unmute': 'session.input_audio.unmute' };

/** A labelled control with its hint and error slot. @type {(id: string, label: string, control: string, hint?: string) => string} */
const field = (id, label, control, hint = '') => `
  <div class="vs-field">
    <label for="vs-${id}">${label}</label>
    ${control}
    ${hint ? `<p class="vs-hint" id="vs-${id}-hint">${hint}</p>` : ''}
    <p class="vs-error" id="vs-${id}-error" hidden></p>
  </div>`;

/** @type {(id: string, label: string, dataField?: string) => string} */
const check = (id, label, dataField = '') => `
  <div class="vs-check">
    <input type="checkbox" id="vs-${id}"${dataField ? ` data-field="${dataField}"` : ''}>
    <label for="vs-${id}">${label}</label>
    <p class="vs-error" id="vs-${id}-error" hidden></p>
  </div>`;

/** @param {string} id */
const groupError = (id) => `<p class="vs-error" id="vs-${id}-error" hidden></p>`;

const MARKUP = `
<div class="vs-loading" role="status">Loading settings…</div>
<div class="vs-blocked" hidden>
  <p class="vs-blocked-message" role="alert"></p>
  <button type="button" class="vs-retry">Try again</button>
</div>
<form class="vs-form" novalidate hidden aria-label="Voice assistant settings" aria-describedby="vs-meta">
  <p class="vs-meta" id="vs-meta" tabindex="-1"></p>
  <div class="vs-form-errors" hidden>
    <p>The server did not accept these settings:</p>
    <ul></ul>
  </div>

  <fieldset class="vs-section">
    <legend>Provider and model</legend>
    ${field('provider', 'Provider', `<select id="vs-provider" data-field="provider" aria-describedby="vs-provider-hint">
      <option value="openai">OpenAI (Realtime API)</option>
      <option value="azure">Azure OpenAI (Realtime API)</option>
      <option value="openai-live" data-live>OpenAI GPT-Live</option>
      <option value="azure-live" data-live>Azure OpenAI GPT-Live (preview)</option>
    </select>`, 'Which service answers the voice sessions. GPT-Live is OpenAI\'s newer voice API: it talks and listens at '
      + 'once and hands harder tasks to a backend model.')}
    <fieldset class="vs-sub" data-show="azure" data-field="azure">
      <legend>Azure OpenAI</legend>
      ${groupError('azure')}
      ${field('azure-endpoint', 'Resource endpoint', `<input type="url" id="vs-azure-endpoint" data-field="azure.endpoint"
        required maxlength="256" pattern="https://[A-Za-z0-9.\\-]+(:[0-9]{1,5})?/?" placeholder="https://name.openai.azure.com"
        autocomplete="off" spellcheck="false" aria-describedby="vs-azure-endpoint-hint">`,
        'An https address with no path, such as https://name.openai.azure.com.')}
      ${field('azure-auth', 'Authentication', `<select id="vs-azure-auth" data-field="azure.auth">
        <option value="api-key">API key</option>
        <option value="entra-id">Microsoft Entra ID</option>
      </select>`)}
    </fieldset>
    ${field('model', 'Model', `<input type="text" id="vs-model" data-field="model" required maxlength="128"
      pattern="[A-Za-z0-9._:\\-]+" list="vs-model-list" autocomplete="off" spellcheck="false" aria-describedby="vs-model-hint">
      <datalist id="vs-model-list"></datalist>`,
      'For Azure OpenAI, the name of your deployment.')}
  </fieldset>

  <fieldset class="vs-section">
    <legend>Voice and output</legend>
    ${field('voice', 'Voice', `<select id="vs-voice" data-field="voice"></select>`)}
    <div class="vs-show" data-show="custom-voice">
      ${field('custom-voice', 'Custom voice id', `<input type="text" id="vs-custom-voice" data-field="voice" required
        maxlength="106" pattern="voice_[A-Za-z0-9_\\-]{1,100}" placeholder="voice_…" autocomplete="off" spellcheck="false"
        aria-describedby="vs-custom-voice-hint">`, 'Starts with voice_.')}
    </div>
    <fieldset class="vs-radios" data-field="outputModalities" data-show="realtime">
      <legend>The assistant answers with</legend>
      <div class="vs-check"><input type="radio" name="outputModality" id="vs-output-audio" value="audio">
        <label for="vs-output-audio">Speech, with a transcript</label></div>
      <div class="vs-check"><input type="radio" name="outputModality" id="vs-output-text" value="text">
        <label for="vs-output-text">Text only</label></div>
      ${groupError('output')}
    </fieldset>
    <div class="vs-show" data-show="realtime">
    ${field('speed', 'Speaking speed', `<input type="number" id="vs-speed" data-field="speed" required min="0.25" max="1.5"
      step="0.01" inputmode="decimal" aria-describedby="vs-speed-hint">`, 'From 0.25 to 1.5; 1 is normal.')}
    ${field('noise', 'Noise reduction', `<select id="vs-noise" data-field="noiseReduction">
      <option value="off">Off</option>
      <option value="near_field">Near field (headset)</option>
      <option value="far_field">Far field (laptop or room microphone)</option>
    </select>`)}
    </div>
    <fieldset class="vs-sub" data-field="maxOutputTokens" data-show="realtime">
      <legend>Length of an answer</legend>
      ${groupError('tokens')}
      ${check('tokens-unlimited', 'Unlimited')}
      ${field('max-tokens', 'Maximum output tokens', `<input type="number" id="vs-max-tokens" data-field="maxOutputTokens"
        required min="1" max="4096" step="1" inputmode="numeric" aria-describedby="vs-max-tokens-hint">`, 'From 1 to 4096.')}
    </fieldset>
  </fieldset>

  <fieldset class="vs-section">
    <legend>Instructions</legend>
    <div class="vs-field">
      <label for="vs-instructions">Instructions for the assistant</label>
      <textarea id="vs-instructions" data-field="instructions" rows="8" spellcheck="true"
        aria-describedby="vs-instructions-count"></textarea>
      <p class="vs-hint vs-count" id="vs-instructions-count"></p>
      <p class="vs-error" id="vs-instructions-error" hidden></p>
    </div>
  </fieldset>

  <fieldset class="vs-section vs-live" data-show="live" data-field="live" hidden disabled>
    <legend>GPT-Live</legend>
    <p class="vs-hint">GPT-Live decides by itself when to speak and when to listen and transcribes both sides; it has no
      turn detection, transcription model, noise reduction, speed, answer length or session keys, so those settings
      apply to the Realtime API only and are hidden here.</p>
    ${groupError('live')}
    ${field('delegation-type', 'Harder tasks (delegation)', `<select id="vs-delegation-type" data-field="live.delegation.type"
      aria-describedby="vs-delegation-type-hint">
      <option value="off">Off: the voice model answers by itself</option>
      <option value="responses">Hand them to a backend model</option>
    </select>`, 'A backend model (on the Responses API, run by the provider) thinks while the voice goes on talking; '
      + 'its tokens are billed on top of the session time.')}
    <div class="vs-show" data-show="delegation">
      ${field('delegation-model', 'Backend model', `<input type="text" id="vs-delegation-model" data-field="live.delegation.model"
        required maxlength="128" pattern="[A-Za-z0-9._:\-]+" list="vs-delegation-models" autocomplete="off" spellcheck="false"
        aria-describedby="vs-delegation-model-hint"><datalist id="vs-delegation-models"><option value="gpt-5.5"></option>
        <option value="gpt-5.5-mini"></option></datalist>`, 'For Azure OpenAI, the name of its deployment.')}
      ${check('delegation-web-search', 'Let the backend model search the web', 'live.delegation.webSearch')}
    </div>
    <fieldset class="vs-sub" data-field="live.browserEvents">
      <legend>What the browser may tell GPT-Live</legend>
      ${groupError('browser-events')}
      ${check('browser-mute', 'That the microphone was muted')}
      ${check('browser-unmute', 'That the microphone was unmuted')}
      <p class="vs-hint">Nothing else: the browser can never change, steer or end a GPT-Live session itself.</p>
    </fieldset>
  </fieldset>

  <fieldset class="vs-section" data-field="turnDetection" data-show="realtime">
    <legend>Turn detection</legend>
    ${groupError('turn-detection')}
    ${field('turn-type', 'When is the user done speaking?', `<select id="vs-turn-type" data-field="turnDetection.type">
      <option value="server_vad">After a pause (server VAD)</option>
      <option value="semantic_vad">When the sentence seems finished (semantic VAD)</option>
      <option value="none">Never automatically (manual turns)</option>
    </select>`)}
    <fieldset class="vs-sub" data-show="server_vad">
      <legend>Pause detection</legend>
      ${field('threshold', 'Activation threshold', `<input type="number" id="vs-threshold" data-field="turnDetection.threshold"
        required min="0" max="1" step="0.01" inputmode="decimal" aria-describedby="vs-threshold-hint">`,
        'From 0 to 1; higher needs louder speech.')}
      ${field('prefix-padding', 'Audio kept before speech (ms)', `<input type="number" id="vs-prefix-padding"
        data-field="turnDetection.prefixPaddingMs" required min="0" max="10000" step="1" inputmode="numeric">`)}
      ${field('silence', 'Silence that ends a turn (ms)', `<input type="number" id="vs-silence"
        data-field="turnDetection.silenceDurationMs" required min="0" max="10000" step="1" inputmode="numeric">`)}
      ${field('idle-timeout', 'Idle timeout (ms)', `<input type="number" id="vs-idle-timeout" data-field="turnDetection.idleTimeoutMs"
        min="5000" max="30000" step="1" inputmode="numeric" aria-describedby="vs-idle-timeout-hint">`,
        'Optional, 5000 to 30000. Leave empty for no timeout.')}
    </fieldset>
    <fieldset class="vs-sub" data-show="semantic_vad">
      <legend>Semantic detection</legend>
      ${field('eagerness', 'Eagerness', `<select id="vs-eagerness" data-field="turnDetection.eagerness">
        <option value="auto">Auto</option><option value="low">Low (lets the user take their time)</option>
        <option value="medium">Medium</option><option value="high">High (answers quickly)</option>
      </select>`)}
    </fieldset>
    <fieldset class="vs-sub" data-show="vad">
      <legend>Responses</legend>
      ${check('create-response', 'Answer automatically when the user is done', 'turnDetection.createResponse')}
      ${check('interrupt-response', 'Let the user interrupt the assistant', 'turnDetection.interruptResponse')}
    </fieldset>
  </fieldset>

  <fieldset class="vs-section" data-show="realtime">
    <legend>Transcription</legend>
    ${check('transcription-on', 'Transcribe what the user says', 'transcription')}
    <fieldset class="vs-sub" data-show="transcription">
      <legend>Transcription options</legend>
      ${field('transcription-model', 'Transcription model', `<input type="text" id="vs-transcription-model"
        data-field="transcription.model" required maxlength="64" pattern="[A-Za-z0-9._\\-]+" list="vs-transcription-models"
        autocomplete="off" spellcheck="false"><datalist id="vs-transcription-models"><option value="gpt-4o-mini-transcribe"></option>
        <option value="gpt-4o-transcribe"></option><option value="whisper-1"></option></datalist>`)}
      ${field('transcription-language', 'Language', `<input type="text" id="vs-transcription-language"
        data-field="transcription.language" maxlength="12" pattern="[a-z]{2,3}(-[A-Za-z0-9]{2,8})?" placeholder="en"
        autocomplete="off" spellcheck="false" aria-describedby="vs-transcription-language-hint">`,
        'An ISO-639-1 code such as en. Leave empty to detect it.')}
      ${field('transcription-prompt', 'Prompt for the transcriber', `<textarea id="vs-transcription-prompt"
        data-field="transcription.prompt" rows="2" maxlength="1024" aria-describedby="vs-transcription-prompt-hint"></textarea>`,
        'Optional: names or terms it should expect.')}
    </fieldset>
  </fieldset>

  <fieldset class="vs-section">
    <legend>Connection</legend>
    <div class="vs-show" data-show="realtime">
    ${field('ttl', 'Session key lifetime (seconds)', `<input type="number" id="vs-ttl" data-field="clientSecretTtlSeconds"
      required min="10" max="7200" step="1" inputmode="numeric" aria-describedby="vs-ttl-hint">`,
      'How long a browser may use a minted session key to connect, 10 to 7200.')}
    </div>
    <fieldset class="vs-sub vs-ice" data-field="iceServers">
      <legend>ICE servers (STUN and TURN)</legend>
      <p class="vs-hint">Only needed when browsers cannot reach the provider directly. At most 10.</p>
      ${groupError('ice')}
      <ol class="vs-ice-list"></ol>
      <button type="button" class="vs-ice-add">Add ICE server</button>
    </fieldset>
  </fieldset>

  <fieldset class="vs-section vs-calls" hidden disabled>
    <legend>Calls and usage</legend>
    ${field('connection-mode', 'How calls connect', `<select id="vs-connection-mode" data-field="connectionMode"
      aria-describedby="vs-connection-mode-hint">
      <option value="server">Through the plugin server</option>
      <option value="browser">Directly from the browser</option>
    </select>`, 'Through the plugin server, the server starts and configures every call and ends it at the limits below; '
      + 'browsers never receive the instructions or a session key. Directly from the browser, each browser gets a '
      + 'short-lived session key and sets up the call itself.')}
    <div class="vs-relay" hidden>
      ${field('relay', 'When WebRTC cannot connect', `<select id="vs-relay" data-field="relay" aria-describedby="vs-relay-hint">
        <option value="off">Off</option>
        <option value="offer">Offer when WebRTC fails</option>
        <option value="automatic">Switch automatically</option>
      </select>`, 'Some networks block WebRTC (UDP). The plugin server can then carry the call over the page\'s own HTTPS '
        + 'connection instead: offered to the user with a button, or taken without asking. Off shows the connection error.')}
    </div>
    ${field('max-call-minutes', 'Longest call (minutes)', `<input type="number" id="vs-max-call-minutes" data-field="maxCallMinutes"
      required min="1" max="60" step="1" inputmode="numeric" aria-describedby="vs-max-call-minutes-hint">`,
      'A call is ended when it reaches this length, 1 to 60. Callers see the time left in its last 5 minutes.')}
    ${field('max-concurrent-calls', 'Calls at the same time', `<input type="number" id="vs-max-concurrent-calls"
      data-field="maxConcurrentCalls" required min="1" max="1000" step="1" inputmode="numeric"
      aria-describedby="vs-max-concurrent-calls-hint">`,
      'Most calls this tenant may have under way at once, 1 to 1000. Another call is refused until one ends.')}
    <fieldset class="vs-sub" data-field="monthlyTokenBudget">
      <legend>Monthly token budget</legend>
      ${groupError('budget')}
      ${check('budget-unlimited', 'No monthly limit')}
      ${field('token-budget', 'Tokens per month', `<input type="number" id="vs-token-budget" data-field="monthlyTokenBudget"
        required min="1000" step="1" inputmode="numeric" aria-describedby="vs-token-budget-hint">`,
        'At least 1000: the input and output tokens of all calls in a calendar month. Once they are spent, new calls are '
        + 'refused and calls under way are ended.')}
    </fieldset>
  </fieldset>

  <fieldset class="vs-section vs-privacy" hidden disabled>
    <legend>Push-to-talk and transcripts</legend>
    <div class="vs-ptt" data-show="realtime">
      ${field('push-to-talk', 'Push-to-talk', `<select id="vs-push-to-talk" data-field="pushToTalk"
        aria-describedby="vs-push-to-talk-hint">
        <option value="off">Off</option>
        <option value="offered">Offered, starts off</option>
        <option value="on">Offered, starts on</option>
      </select>`, 'With push-to-talk the user holds a Talk button (or Space) while speaking; the assistant answers when it '
        + 'is let go. Useful in noisy rooms. Each user can switch it in the widget; their choice is kept in their browser.')}
    </div>
    <div class="vs-transcripts" data-show="realtime">
      ${check('transcripts-store', 'Store call transcripts', 'transcripts.store')}
      ${field('transcripts-days', 'Keep transcripts for (days)', `<input type="number" id="vs-transcripts-days"
        data-field="transcripts.retentionDays" required min="1" max="3650" step="1" inputmode="numeric"
        aria-describedby="vs-transcripts-days-hint">`, '1 to 3650 days, counted from the start of each call; then the '
        + 'transcript is deleted. A change applies to calls that start after it.')}
      <p class="vs-hint" id="vs-transcripts-what">What is stored: the text of both sides of each call that runs through the
        plugin server (what the user said, as transcribed, and what the assistant said or wrote), with the time of each
        line. Never audio. Calls made directly from the browser are not stored. Only administrators of this tenant can
        read, export or delete stored transcripts; users are told in the widget that their call is saved.</p>
    </div>
    <p class="vs-hint vs-privacy-live" data-show="live">GPT-Live has no push-to-talk and its transcripts are not stored.</p>
  </fieldset>

  <fieldset class="vs-section vs-key">
    <legend>API key</legend>
    <p class="vs-key-status" id="vs-key-status"></p>
    <div class="vs-key-remove" hidden>
      <button type="button" class="vs-key-remove-ask">Remove key</button>
      <div class="vs-key-confirm" role="group" aria-labelledby="vs-key-confirm-text" hidden>
        <p id="vs-key-confirm-text">Remove the stored key? Voice sessions stop working until a new key is saved.</p>
        <button type="button" class="vs-key-remove-yes vs-danger">Remove the key</button>
        <button type="button" class="vs-key-remove-no">Keep it</button>
      </div>
    </div>
    ${field('api-key', 'New API key', `<input type="password" id="vs-api-key" data-field="apiKey" maxlength="512"
      autocomplete="new-password" spellcheck="false" aria-describedby="vs-key-status vs-api-key-hint">`,
      'Write-only: a saved key is never shown again. Leave empty to keep the current key.')}
  </fieldset>

  <section class="vs-section vs-diagnostics" aria-labelledby="vs-diagnostics-heading">
    <h3 id="vs-diagnostics-heading">Connection test</h3>
    <p class="vs-hint" id="vs-diagnostics-hint">Checks the saved settings with the provider: the configuration, the key,
      the model and a trial session key. Save your changes first; unsaved changes are not tested.</p>
    <button type="button" class="vs-diagnostics-run" aria-describedby="vs-diagnostics-hint">Test connection</button>
    <div class="vs-diagnostics-result" aria-live="polite" aria-busy="false">
      <p class="vs-diagnostics-summary"></p>
      <ol class="vs-diagnostics-steps" aria-label="Connection test steps"></ol>
    </div>
  </section>

  <div class="vs-actions">
    <button type="submit" class="vs-save vs-primary">Save settings</button>
    <p class="vs-status" role="status" aria-live="polite"></p>
    <button type="button" class="vs-reload" hidden>Reload</button>
  </div>
</form>
<section class="vs-history" aria-labelledby="vs-history-heading" hidden>
  <h3 id="vs-history-heading">History</h3>
  <p class="vs-history-message" hidden></p>
  <ol class="vs-history-list"></ol>
  <button type="button" class="vs-history-more" hidden>Show older versions</button>
</section>`;

/** @type {HTMLTemplateElement | undefined} */
let template;

/** A fresh copy of the element's markup. */
export function cloneMarkup() {
  if (!template) {
    template = document.createElement('template');
    template.innerHTML = MARKUP;
  }
  return /** @type {DocumentFragment} */ (template.content.cloneNode(true));
}
