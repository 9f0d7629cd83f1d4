// The collapsible event log: what was sent and received on the data channel and what the
// connection did, with the time since the session started. Kept short so it never grows unbounded.

const MAX_ENTRIES = 200;
const ARROWS = { in: '↓', out: '↑', info: '•' };
const DIRECTIONS = { in: 'received', out: 'sent', info: '' };

export class EventLog {
  #list;
  #count;
  #total = 0;
  #origin = performance.now();

  /**
   * @param {HTMLOListElement} list
   * @param {HTMLElement} count the number shown in the summary
   */
  constructor(list, count) {
    this.#list = list;
    this.#count = count;
  }

  clear() {
    this.#list.replaceChildren();
    this.#total = 0;
    this.#count.textContent = '0';
    this.#origin = performance.now();
  }

  /** @param {{direction: 'in' | 'out' | 'info', type: string, text?: string}} entry */
  add({ direction, type, text }) {
    const item = document.createElement('li');
    item.className = direction;
    const time = document.createElement('span');
    time.className = 'at';
    time.textContent = ((performance.now() - this.#origin) / 1000).toFixed(1) + ' s';
    const arrow = document.createElement('span');
    arrow.className = 'arrow';
    arrow.textContent = ARROWS[direction];
    arrow.title = DIRECTIONS[direction];
    const name = document.createElement('code');
    name.textContent = type;
    item.append(time, arrow, name);
    if (text) {
      const detail = document.createElement('span');
      detail.className = 'detail';
      detail.textContent = text;
      item.append(detail);
    }
    this.#list.append(item);
    while (this.#list.childElementCount > MAX_ENTRIES) this.#list.firstElementChild?.remove();
    this.#total += 1;
    this.#count.textContent = String(this.#total);
  }
}
