// The static markup of <voice-usage>. Parsed once per page into a <template> and cloned into each
// shadow root. No inline styles or handlers: the admin page runs under a strict CSP.

/** Days the usage views cover. */
export const DAYS = 30;

const MARKUP = `
<p class="vu-blocked" role="alert" hidden></p>
<div class="vu-body">
  <div class="vu-bar">
    <button type="button" class="vu-refresh">Refresh</button>
    <p class="vu-status" role="status" aria-live="polite"></p>
  </div>

  <section class="vu-section" aria-labelledby="vu-calls-heading">
    <h3 id="vu-calls-heading">Calls under way</h3>
    <p class="vu-message vu-calls-message" hidden></p>
    <table class="vu-calls-table" hidden>
      <caption class="vu-visually-hidden">Calls under way, refreshed every 5 seconds</caption>
      <thead><tr>
        <th scope="col">User</th><th scope="col">Started</th><th scope="col">Duration</th>
        <th scope="col" class="vu-num">Usage</th><th scope="col" class="vu-num">Estimated cost</th>
        <th scope="col"><span class="vu-visually-hidden">Actions</span></th>
      </tr></thead>
      <tbody></tbody>
    </table>
  </section>

  <section class="vu-section" aria-labelledby="vu-daily-heading">
    <h3 id="vu-daily-heading">Usage per day, last ${DAYS} days</h3>
    <fieldset class="vu-measure">
      <legend>Show</legend>
      <label><input type="radio" name="vu-measure" value="tokens" checked> Tokens</label>
      <label><input type="radio" name="vu-measure" value="seconds"> GPT-Live seconds</label>
      <label><input type="radio" name="vu-measure" value="minutes"> Minutes</label>
      <label><input type="radio" name="vu-measure" value="cost"> Estimated cost</label>
    </fieldset>
    <p class="vu-message vu-daily-message" hidden></p>
    <figure class="vu-chart" hidden>
      <p class="vu-max" aria-hidden="true"></p>
      <svg class="vu-bars" aria-hidden="true" focusable="false" preserveAspectRatio="none"></svg>
      <p class="vu-axis" aria-hidden="true"><span class="vu-first"></span><span class="vu-last"></span></p>
      <figcaption class="vu-summary"></figcaption>
      <table class="vu-visually-hidden vu-daily-table">
        <caption>Usage per day</caption>
        <thead><tr><th scope="col">Day</th><th scope="col" class="vu-measure-name">Tokens</th></tr></thead>
        <tbody></tbody>
      </table>
    </figure>
    <p><a class="vu-export" download="voice-usage-daily.csv">Export CSV</a>
      <span class="vu-hint">every day of the last ${DAYS} days, for a spreadsheet</span></p>
  </section>

  <section class="vu-section" aria-labelledby="vu-users-heading">
    <h3 id="vu-users-heading">Usage per user, last ${DAYS} days</h3>
    <p class="vu-message vu-users-message" hidden></p>
    <table class="vu-users-table" hidden>
      <caption class="vu-visually-hidden">Usage per user, most tokens first</caption>
      <thead><tr>
        <th scope="col">User</th><th scope="col" class="vu-num">Calls</th><th scope="col" class="vu-num">Minutes</th>
        <th scope="col" class="vu-num">Usage</th><th scope="col" class="vu-num">Estimated cost</th>
      </tr></thead>
      <tbody></tbody>
    </table>
  </section>
</div>`;

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
