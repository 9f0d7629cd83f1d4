// AudioWorklet (audio thread): plays the assistant's 24 kHz PCM16 at the AudioContext's rate from a
// jitter buffer, and counts per item how much of it has actually gone out, because a barge-in must
// tell the provider how much the user heard (conversation.item.truncate), not how much arrived.
// The provider sends an answer faster than real time, so the buffer is bounded in seconds, not
// blocks. Messages in: {type: 'audio', itemId, samples: Int16Array} and {type: 'flush'}. Messages
// out: {type: 'started'}, {type: 'stopped', played: {itemId: ms}}, {type: 'flushed', itemId, playedMs}
// (itemId null when nothing was left to play) and {type: 'overflow'}.

import { Resampler } from './voice-session-resampler.js';

/** The provider's output rate for audio/pcm. */
const RATE = 24000;
/** Playback starts once this much is buffered, or the first sound has waited this long. */
const PREFILL_MS = 60;
/** An answer longer than this (unplayed) loses its end rather than the heap growing without bound. */
const MAX_BUFFERED_S = 120;
/** Input taken per step: small, so the output FIFO stays a few blocks long. */
const STEP = 128;

class PlaybackProcessor extends AudioWorkletProcessor {
  #resampler = new Resampler(RATE, sampleRate);
  /** @type {Array<{itemId: string, samples: Int16Array, offset: number}>} */ #queue = [];
  #queued = 0;
  #fifo = new Float32Array(2048);
  #fifoLength = 0;
  /** Which item the FIFO's samples belong to, in order: [itemId, count]. @type {Array<[string, number]>} */ #segments = [];
  #scratch = new Float32Array(STEP);
  /** Output samples played per item. @type {Map<string, number>} */ #played = new Map();
  /** @type {Set<string>} */ #stretch = new Set();
  #playing = false;
  #waited = 0;
  #overflowed = false;

  constructor() {
    super();
    this.port.onmessage = ({ data }) => {
      if (data.type === 'audio') this.#enqueue(data.itemId, data.samples);
      else if (data.type === 'flush') this.#flush();
    };
  }

  /** @param {Float32Array[][]} _inputs @param {Float32Array[][]} outputs */
  process(_inputs, outputs) {
    const channels = outputs[0];
    const out = channels[0];
    let written = 0;
    if (this.#playing || this.#ready(out.length)) {
      this.#refill(out.length);
      written = Math.min(out.length, this.#fifoLength);
      out.set(this.#fifo.subarray(0, written));
      this.#consume(written);
      if (written < out.length) this.#drained();
    }
    out.fill(0, written);
    for (let c = 1; c < channels.length; c++) channels[c].set(out);
    return true;
  }

  /** @param {string} itemId @param {Int16Array} samples */
  #enqueue(itemId, samples) {
    if (this.#queued + samples.length > MAX_BUFFERED_S * RATE) {
      if (!this.#overflowed) this.port.postMessage({ type: 'overflow' });
      this.#overflowed = true;
      return;
    }
    this.#queue.push({ itemId, samples, offset: 0 });
    this.#queued += samples.length;
  }

  /** Whether to start: enough is buffered to ride out network jitter, or a short sound waited long enough. @param {number} block */
  #ready(block) {
    if (this.#queued === 0) return false;
    this.#waited += block;
    if (this.#queued / RATE < PREFILL_MS / 1000 && this.#waited / sampleRate < PREFILL_MS / 1000) return false;
    this.#playing = true;
    this.#waited = 0;
    this.port.postMessage({ type: 'started' });
    return true;
  }

  /** Resamples queued input until the FIFO holds a block (or the queue is empty). @param {number} block */
  #refill(block) {
    while (this.#fifoLength < block && this.#queue.length) {
      const chunk = this.#queue[0];
      const count = Math.min(STEP, chunk.samples.length - chunk.offset);
      for (let i = 0; i < count; i++) this.#scratch[i] = chunk.samples[chunk.offset + i] / 0x8000;
      chunk.offset += count;
      this.#queued -= count;
      if (chunk.offset === chunk.samples.length) this.#queue.shift();
      const converted = this.#resampler.push(this.#scratch.subarray(0, count));
      if (this.#fifo.length < this.#fifoLength + converted.length) {
        const grown = new Float32Array((this.#fifoLength + converted.length) * 2);
        grown.set(this.#fifo.subarray(0, this.#fifoLength));
        this.#fifo = grown;
      }
      this.#fifo.set(converted, this.#fifoLength);
      this.#fifoLength += converted.length;
      const last = this.#segments[this.#segments.length - 1];
      if (last && last[0] === chunk.itemId) last[1] += converted.length;
      else this.#segments.push([chunk.itemId, converted.length]);
    }
  }

  /** Counts the samples just played against their items. @param {number} count */
  #consume(count) {
    this.#fifo.copyWithin(0, count, this.#fifoLength);
    this.#fifoLength -= count;
    let left = count;
    while (left > 0 && this.#segments.length) {
      const segment = this.#segments[0];
      const taken = Math.min(left, segment[1]);
      this.#played.set(segment[0], (this.#played.get(segment[0]) || 0) + taken);
      this.#stretch.add(segment[0]);
      segment[1] -= taken;
      left -= taken;
      if (segment[1] === 0) this.#segments.shift();
    }
  }

  #drained() {
    this.#playing = false;
    /** @type {Record<string, number>} */
    const played = {};
    for (const id of this.#stretch) played[id] = this.#ms(id);
    this.#stretch.clear();
    this.port.postMessage({ type: 'stopped', played });
    this.#forgetOld();
  }

  /** Stops at once; says which item was cut and how much of it was heard. */
  #flush() {
    const itemId = this.#segments[0]?.[0] ?? this.#queue[0]?.itemId ?? null;
    this.#queue = [];
    this.#queued = 0;
    this.#fifoLength = 0;
    this.#segments = [];
    this.#resampler.reset();
    this.#playing = false;
    this.#waited = 0;
    this.#stretch.clear();
    this.#overflowed = false;
    this.port.postMessage({ type: 'flushed', itemId, playedMs: itemId === null ? 0 : this.#ms(itemId) });
    if (itemId !== null) this.#played.delete(itemId);
  }

  /** @param {string} itemId */
  #ms(itemId) {
    return ((this.#played.get(itemId) || 0) * 1000) / sampleRate;
  }

  /** Only a recent item can still be cut; older counts would only pile up over a long session. */
  #forgetOld() {
    for (const id of this.#played.keys()) {
      if (this.#played.size <= 8) break;
      this.#played.delete(id);
    }
  }
}

registerProcessor('voice-session-playback', PlaybackProcessor);
