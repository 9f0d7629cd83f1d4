// The microphone picker and the assistant's volume. The chosen microphone is remembered in this
// browser (device ids are per browser profile and origin, so there is nothing to keep on the server)
// and used from the next Start on; picked during a call, it replaces the one in use at once. When
// the microphone in use goes away (unplugged: its track ends, or the device list changes without it),
// the call moves to the system's default microphone instead of going silent.

const MIC_KEY = 'voice-session:microphone';
const VOLUME_KEY = 'voice-session:volume';

/** @typedef {import('./voice-session-peer.js').MicrophoneChoice} MicrophoneChoice */

export class DeviceControls {
  #select;
  #volume;
  #audio;
  #swap;
  /** The session's microphone track and what it listens to; null between sessions. */
  /** @type {MediaStreamTrack | null} */ #track = null;
  /** @type {AbortController | null} */ #trackWatch = null;

  /**
   * @param {HTMLSelectElement} select @param {HTMLInputElement} volume a 0..1 range
   * @param {HTMLAudioElement} audio plays the assistant on both transports
   * @param {(audio: MicrophoneChoice) => void} swap moves the running call to another microphone
   */
  constructor(select, volume, audio, swap) {
    this.#select = select;
    this.#volume = volume;
    this.#audio = audio;
    this.#swap = swap;
    const stored = Number(read(VOLUME_KEY) ?? 1);
    volume.value = String(Number.isFinite(stored) ? Math.min(1, Math.max(0, stored)) : 1);
    audio.volume = Number(volume.value);
  }

  /** @param {AbortSignal} signal the element's lifetime: the device-change handler goes with it */
  listen(signal) {
    this.#select.addEventListener('change', () => {
      write(MIC_KEY, this.#select.value);
      if (this.#track) this.#swap(this.choice());
    }, { signal });
    this.#volume.addEventListener('input', () => {
      this.#audio.volume = Number(this.#volume.value);
      write(VOLUME_KEY, this.#volume.value);
    }, { signal });
    navigator.mediaDevices?.addEventListener?.('devicechange', () => this.#devicesChanged(), { signal });
    this.refresh();
  }

  /** What getUserMedia is to open: the remembered device, else the default. @returns {MicrophoneChoice} */
  choice() {
    const id = read(MIC_KEY);
    return id ? { deviceId: { exact: id } } : true;
  }

  /**
   * The session opened (or swapped to) this microphone: watch it for the end an unplug brings.
   * @param {MediaStream} stream
   */
  use(stream) {
    this.#trackWatch?.abort();
    const track = this.#track = stream.getAudioTracks()[0] || null;
    if (!track) return;
    this.#trackWatch = new AbortController();
    track.addEventListener('ended', () => this.#lost(), { signal: this.#trackWatch.signal });
    this.refresh(); // names appear once the browser has allowed a microphone
  }

  /** The session is over: no track to watch, nothing to swap. */
  release() {
    this.#trackWatch?.abort();
    this.#trackWatch = null;
    this.#track = null;
  }

  /** Lists the microphones; their names are empty until the browser has allowed one. */
  async refresh() {
    let devices;
    try {
      devices = (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'audioinput');
    } catch {
      return;
    }
    const wanted = read(MIC_KEY) || '';
    const options = [new Option('System default', '')];
    let n = 0;
    for (const d of devices) {
      // "default" and "communications" are Chrome's aliases of a real device, which is listed too.
      if (!d.deviceId || d.deviceId === 'default' || d.deviceId === 'communications') continue;
      options.push(new Option(d.label || `Microphone ${++n}`, d.deviceId));
    }
    this.#select.replaceChildren(...options);
    this.#select.value = options.some((o) => o.value === wanted) ? wanted : '';
  }

  async #devicesChanged() {
    await this.refresh();
    const wanted = read(MIC_KEY);
    const inUse = this.#track?.getSettings().deviceId;
    // The picked device is gone: the select already shows the default; the call follows (the choice stays remembered).
    if (this.#track && (this.#track.readyState === 'ended' || (wanted && this.#select.value !== wanted && inUse === wanted))) {
      this.#lost();
    }
  }

  #lost() {
    if (!this.#track) return;
    this.#track = null; // one swap per loss, however many signals announce it
    this.#trackWatch?.abort();
    this.#swap(true);
  }
}

/** @param {string} key */
function read(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** @param {string} key @param {string} value */
function write(key, value) {
  try {
    if (value) localStorage.setItem(key, value);
    else localStorage.removeItem(key);
  } catch {
    // storage is off: the choice lasts for this page
  }
}
