// AudioWorklet (audio thread): the microphone, whatever rate the AudioContext runs at, as 24 kHz
// mono PCM16 little-endian, posted to the page in frames of processorOptions.frameMs. The node is
// created with one explicit input channel, so the browser has already mixed a stereo headset down.
// Loaded with audioWorklet.addModule from this folder: the admin page's CSP (script-src 'self')
// allows no blob: URL.
// The frames are timed by the audio clock, so the relay sends them as regularly as the sound came.

import { Resampler } from './voice-session-resampler.js';

/** The provider's input rate for audio/pcm. */
const RATE = 24000;

class CaptureProcessor extends AudioWorkletProcessor {
  #resampler = new Resampler(sampleRate, RATE);
  /** @type {DataView} */ #frame;
  #filled = 0;
  #stopped = false;

  /** @param {{processorOptions?: {frameMs?: number}}} options */
  constructor(options) {
    super();
    const frameMs = options.processorOptions?.frameMs || 30;
    this.#frame = new DataView(new ArrayBuffer(2 * Math.round((RATE * frameMs) / 1000)));
    this.port.onmessage = (e) => { if (e.data === 'stop') this.#stopped = true; };
  }

  /** @param {Float32Array[][]} inputs */
  process(inputs) {
    if (this.#stopped) return false;
    const mono = inputs[0]?.[0];
    if (!mono) return true; // the microphone is not connected (yet)
    for (const sample of this.#resampler.push(mono)) {
      const clamped = Math.max(-1, Math.min(1, sample));
      this.#frame.setInt16(this.#filled, Math.round(clamped < 0 ? clamped * 0x8000 : clamped * 0x7fff), true);
      this.#filled += 2;
      if (this.#filled === this.#frame.byteLength) {
        const bytes = this.#frame.buffer.slice(0);
        this.port.postMessage(bytes, [bytes]);
        this.#filled = 0;
      }
    }
    return true;
  }
}

registerProcessor('voice-session-capture', CaptureProcessor);
