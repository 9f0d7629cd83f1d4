// Sample-rate conversion for the relay's audio worklets: the microphone runs at the AudioContext's
// rate (usually 48 kHz, sometimes 44.1) and the provider takes and sends 24 kHz. A windowed-sinc
// interpolator, so that going down the band above the new Nyquist is filtered out instead of folding
// back as a whine, and going up no mirror images are added. Kernels are precomputed for a fixed set
// of fractional positions; the audio thread then only multiplies and adds, and allocates nothing
// once its buffers have grown to the block size.

/** Fractional positions between two input samples with a kernel of their own. */
const PHASES = 128;
/** Pass band as a fraction of the lower Nyquist frequency: 0.85 of 12 kHz (10.2 kHz) keeps all of speech. */
const CUTOFF = 0.85;
/** Kernel half-width in samples of the lower rate: 16 makes the band from pass to stop about 4 kHz wide. */
const HALF_WIDTH = 16;

export class Resampler {
  #step;
  #half;
  #taps;
  #table;
  #buffer = new Float32Array(0);
  #length = 0;
  /** Where the next output sample falls, in input samples from the start of the buffer. */
  #position = 0;
  #out = new Float32Array(0);

  /** @param {number} fromRate @param {number} toRate */
  constructor(fromRate, toRate) {
    this.#step = fromRate / toRate;
    const scale = Math.min(1, toRate / fromRate);
    const cutoff = CUTOFF * scale;
    this.#half = Math.ceil(HALF_WIDTH / scale);
    this.#taps = 2 * this.#half;
    this.#table = new Float32Array((PHASES + 1) * this.#taps);
    for (let p = 0; p <= PHASES; p++) {
      const row = p * this.#taps;
      let sum = 0;
      for (let j = 0; j < this.#taps; j++) {
        const x = j - this.#half + 1 - p / PHASES;
        const value = cutoff * sinc(cutoff * x) * blackman(x / this.#half);
        this.#table[row + j] = value;
        sum += value;
      }
      for (let j = 0; j < this.#taps; j++) this.#table[row + j] /= sum; // unity gain at 0 Hz
    }
    this.reset();
  }

  /** Forgets the signal so far (after a flush: the next sound must not start with the old one's tail). */
  reset() {
    this.#ensure(this.#taps);
    this.#buffer.fill(0);
    this.#length = this.#half - 1; // silence before the first sample, for the kernel's left half
    this.#position = this.#half - 1;
  }

  /**
   * Converts the next block. The returned view is reused by the next call: copy what you keep.
   * @param {Float32Array} input
   * @returns {Float32Array}
   */
  push(input) {
    this.#ensure(this.#length + input.length);
    this.#buffer.set(input, this.#length);
    this.#length += input.length;
    const last = this.#length - 1 - this.#half; // the last start the kernel's right half fits
    const count = Math.max(0, Math.floor((last - this.#position) / this.#step) + 1);
    if (this.#out.length < count) this.#out = new Float32Array(count * 2);
    const buffer = this.#buffer;
    const table = this.#table;
    const taps = this.#taps;
    let position = this.#position;
    for (let n = 0; n < count; n++) {
      const index = Math.floor(position);
      const row = Math.round((position - index) * PHASES) * taps;
      const first = index - this.#half + 1;
      let sum = 0;
      for (let j = 0; j < taps; j++) sum += buffer[first + j] * table[row + j];
      this.#out[n] = sum;
      position += this.#step;
    }
    const drop = Math.max(0, Math.floor(position) - this.#half + 1);
    buffer.copyWithin(0, drop, this.#length);
    this.#length -= drop;
    this.#position = position - drop;
    return this.#out.subarray(0, count);
  }

  /** @param {number} size */
  #ensure(size) {
    if (this.#buffer.length >= size) return;
    const grown = new Float32Array(Math.max(size, this.#taps) * 2);
    grown.set(this.#buffer.subarray(0, this.#length));
    this.#buffer = grown;
  }
}

/** @param {number} x */
function sinc(x) {
  return x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
}

/** Blackman window over -1..1. @param {number} x */
function blackman(x) {
  return Math.abs(x) >= 1 ? 0 : 0.42 + 0.5 * Math.cos(Math.PI * x) + 0.08 * Math.cos(2 * Math.PI * x);
}
