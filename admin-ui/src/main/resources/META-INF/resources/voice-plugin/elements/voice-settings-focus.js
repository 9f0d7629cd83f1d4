// Keeps the focused control of <voice-settings> clear of its sticky Save bar (WCAG 2.4.11, Focus Not
// Obscured). The stylesheet's scroll-margin covers the browser's own focus scrolling on a plain page,
// but not every case: a tall control is only scrolled until part of it shows, and in a host's padded
// scroll container the bar sticks above the scrollport's edge, where that scrolling stops. So after
// every focus move, whatever the bar still covers is scrolled clear, in whichever box scrolls.

/** Space left between the control and the bar, in CSS pixels. */
const GAP = 8;

/**
 * @param {ShadowRoot} root
 * @param {AbortSignal} signal removes the listener with the element's connection
 */
export function keepFocusClearOfBar(root, signal) {
  const bar = /** @type {HTMLElement} */ (root.querySelector('.vs-actions'));
  root.addEventListener('focusin', (e) => {
    const target = /** @type {Element} */ (e.target);
    reveal(bar, target);
    // Some browsers scroll a focused control into view after the focus events; check once more.
    requestAnimationFrame(() => { if (root.activeElement === target) reveal(bar, target); });
  }, { signal });
}

/** @param {HTMLElement} bar @param {Element} target */
function reveal(bar, target) {
  if (bar.contains(target) || !target.closest('form')) return;
  const control = target.getBoundingClientRect();
  const covering = bar.getBoundingClientRect();
  if (covering.height === 0 || control.bottom <= covering.top || control.top >= covering.bottom) return;
  scroller(bar).scrollBy(0, control.bottom + GAP - covering.top);
}

/** The box the sticky bar sticks to: its nearest ancestor that clips overflow, across shadow roots. @param {Element} el */
function scroller(el) {
  for (let node = parentOf(el); node && node !== document.body && node !== document.documentElement; node = parentOf(node)) {
    if (/auto|scroll|hidden|overlay/.test(getComputedStyle(node).overflowY)) return node;
  }
  return document.scrollingElement || document.documentElement;
}

/** @param {Element} node @returns {Element | null} */
function parentOf(node) {
  const root = node.getRootNode();
  return node.parentElement || (root instanceof ShadowRoot ? root.host : null);
}
