// The connection test of <voice-settings>: asks the server to test the saved settings (configuration,
// key, model, a minted session key) and lists every step with its outcome, detail and hint. Text only
// through textContent: details and hints come from the server and are never parsed as markup.
import { ApiError, callApi } from './api.js';

/** @typedef {{id: string, title: string, outcome: 'passed' | 'warning' | 'failed' | 'skipped', code: string | null, detail: string, hint: string | null, durationMs: number}} DiagnosticStep */
/** @typedef {{provider: string, model: string, settingsVersion: number, steps: DiagnosticStep[], ok: boolean}} DiagnosticsReport */

/** Each outcome as a symbol (decoration) and a word (what assistive technology reads). */
const OUTCOMES = /** @type {Record<string, {icon: string, label: string}>} */ ({
  passed: { icon: '✓', label: 'Passed' },
  warning: { icon: '!', label: 'Warning' },
  failed: { icon: '✕', label: 'Failed' },
  skipped: { icon: '–', label: 'Skipped' },
});

/**
 * @param {string} tag
 * @param {string} className
 * @param {string} [text]
 */
const el = (tag, className, text) => {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
};

/**
 * One step of the report as a list item.
 * @param {DiagnosticStep} step
 */
export function diagnosticStep(step) {
  const outcome = OUTCOMES[step.outcome] ?? { icon: '?', label: step.outcome };
  const li = el('li', 'vs-step');
  li.dataset.step = step.id;
  li.dataset.outcome = step.outcome;
  const head = el('p', 'vs-step-head');
  const icon = el('span', 'vs-step-icon', outcome.icon);
  icon.setAttribute('aria-hidden', 'true');
  head.append(icon, el('strong', 'vs-step-title', step.title), el('span', 'vs-step-outcome', outcome.label));
  if (step.outcome !== 'skipped') head.append(el('span', 'vs-step-time', `${step.durationMs} ms`));
  li.append(head, el('p', 'vs-step-detail', step.detail));
  if (step.hint) li.append(el('p', 'vs-step-hint', step.hint));
  if (step.code) li.append(el('p', 'vs-step-code', `Code: ${step.code}`));
  return li;
}

/**
 * The one-line verdict above the list.
 * @param {DiagnosticsReport} report
 */
export function verdict(report) {
  const tested = `(saved settings, version ${report.settingsVersion})`;
  const failed = report.steps.find((s) => s.outcome === 'failed');
  if (failed) return `The connection test failed at “${failed.title}” ${tested}.`;
  return report.steps.some((s) => s.outcome === 'warning')
    ? `The connection test passed with warnings ${tested}.`
    : `The connection test passed: every step succeeded ${tested}.`;
}

/** The "Connection test" section of the element: runs the test and shows its steps. */
export class DiagnosticsView {
  /** @type {HTMLElement} */ #section;
  #running = false;

  /** @param {ShadowRoot} root */
  constructor(root) {
    this.#section = /** @type {HTMLElement} */ (root.querySelector('.vs-diagnostics'));
  }

  /**
   * Handles a click inside the element; true when it was the view's.
   * @param {Element} target
   * @param {string} apiBase
   * @param {AbortSignal | undefined} signal
   */
  click(target, apiBase, signal) {
    if (!target.closest('.vs-diagnostics-run')) return false;
    this.run(apiBase, signal);
    return true;
  }

  /**
   * @param {string} apiBase
   * @param {AbortSignal} [signal]
   */
  async run(apiBase, signal) {
    if (this.#running) return;
    this.#running = true;
    const q = (/** @type {string} */ s) => /** @type {HTMLElement} */ (this.#section.querySelector(s));
    const button = q('.vs-diagnostics-run');
    const result = q('.vs-diagnostics-result');
    // aria-disabled rather than disabled, so keyboard focus stays on the button.
    button.setAttribute('aria-disabled', 'true');
    result.setAttribute('aria-busy', 'true');
    q('.vs-diagnostics-steps').replaceChildren();
    q('.vs-diagnostics-summary').textContent = 'Testing the connection with the saved settings…';
    try {
      const { body } = await callApi(apiBase, 'realtime-settings/diagnostics', { method: 'POST', signal });
      const report = /** @type {DiagnosticsReport} */ (body);
      q('.vs-diagnostics-steps').replaceChildren(...report.steps.map(diagnosticStep));
      q('.vs-diagnostics-summary').textContent = verdict(report);
      result.dataset.ok = String(report.ok);
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') return;
      q('.vs-diagnostics-summary').textContent =
        `The connection test could not run. ${e instanceof ApiError ? e.humanMessage : String(e)}`;
      delete result.dataset.ok;
    } finally {
      this.#running = false;
      button.removeAttribute('aria-disabled');
      result.setAttribute('aria-busy', 'false');
    }
  }
}
