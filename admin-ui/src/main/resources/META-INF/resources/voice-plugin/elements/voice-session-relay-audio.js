// The relay's audio in the page: one AudioContext with the capture worklet behind the microphone and
// the playback worklet in front of a MediaStream. The element plays and meters that stream exactly as
// it does WebRTC's remote stream, so both transports share the <audio>, the meters and the autoplay
// rules. PCM crosses the socket as base64 in JSON, little-endian whatever the platform.

import { VoiceSessionError } from './voice-session-errors.js';

/** How much microphone audio each input_audio_buffer.append carries (the contract asks 20-50 ms). */
export const FRAME_MS = 30;

/**
 * @typedef {{type: 'started'} | {type: 'stopped', played: Record<string, number>} | {type: 'overflow'}
 *   | {type: 'flushed', itemId: string | null, playedMs: number}} PlaybackReport
 */

export class RelayAudio {
  /** @type {AudioContext | null} */ #context = null;
  #handlers;
  /** @type {MediaStreamAudioSourceNode | null} */ #source = null;
  /** @type {AudioWorkletNode | null} */ #capture = null;
  /** @type {AudioWorkletNode | null} */ #playback = null;
  /** @type {MediaStreamAudioDestinationNode | null} */ #output = null;
  /** @type {Array<(report: {itemId: string | null, playedMs: number} | null) => void>} */ #flushes = [];

  /**
   * Create from the click's task where possible: browsers start an AudioContext only after a gesture.
   * @param {{onFrame: (base64: string) => void, onPlayback: (report: PlaybackReport) => void}} handlers
   */
  constructor(handlers) {
    this.#handlers = handlers;
    try {
      this.#context = new AudioContext();
    } catch {
      this.#context = null; // start() says so
    }
  }

  /**
   * Loads the worklets and connects the microphone; rejects with a VoiceSessionError.
   * @param {MediaStream} microphone
   */
  async start(microphone) {
    const context = this.#context;
    if (!context?.audioWorklet) throw audioFailed(null);
    try {
      await Promise.all(['capture', 'playback'].map((name) =>
        context.audioWorklet.addModule(new URL(`voice-session-${name}-worklet.js`, import.meta.url).href)));
    } catch (e) {
      throw audioFailed(e);
    }
    if (context.state === 'closed') return; // closed while the worklets loaded
    const capture = this.#capture = new AudioWorkletNode(context, 'voice-session-capture', {
      numberOfInputs: 1, numberOfOutputs: 0, channelCount: 1, channelCountMode: 'explicit', processorOptions: { frameMs: FRAME_MS },
    });
    capture.port.onmessage = (e) => this.#handlers.onFrame(toBase64(new Uint8Array(e.data)));
    this.listenTo(microphone);
    const playback = this.#playback = new AudioWorkletNode(context, 'voice-session-playback', {
      numberOfInputs: 0, numberOfOutputs: 1, outputChannelCount: [1],
    });
    playback.port.onmessage = (e) => this.#onReport(e.data);
    this.#output = context.createMediaStreamDestination();
    playback.connect(this.#output);
    await context.resume().catch(() => {}); // a suspended context still connects; it plays once allowed
  }

  /** Puts another microphone in front of the capture worklet (a hot-swapped device). @param {MediaStream} microphone */
  listenTo(microphone) {
    if (!this.#context || !this.#capture || this.#context.state === 'closed') return;
    this.#source?.disconnect();
    this.#source = this.#context.createMediaStreamSource(microphone);
    this.#source.connect(this.#capture);
  }

  /** What the assistant says, for the element's <audio> and meter. */
  get stream() {
    return this.#output?.stream ?? null;
  }

  /** @param {string} itemId @param {string} base64 PCM16 24 kHz mono little-endian */
  play(itemId, base64) {
    const samples = pcmFromBase64(base64);
    this.#playback?.port.postMessage({ type: 'audio', itemId, samples }, [samples.buffer]);
  }

  /**
   * Stops playback at once.
   * @returns {Promise<{itemId: string | null, playedMs: number} | null>} the item cut off and how much of it was heard
   */
  flush() {
    if (!this.#playback) return Promise.resolve(null);
    return new Promise((resolve) => {
      this.#flushes.push(resolve);
      this.#playback?.port.postMessage({ type: 'flush' });
    });
  }

  close() {
    this.#capture?.port.postMessage('stop');
    this.#source?.disconnect();
    this.#playback?.disconnect();
    for (const track of this.#output?.stream.getTracks() || []) track.stop();
    this.#context?.close().catch(() => {});
    for (const resolve of this.#flushes.splice(0)) resolve(null);
  }

  /** @param {PlaybackReport} report */
  #onReport(report) {
    if (report.type === 'flushed') {
      // The worklet counts what it rendered; the device was still that far behind in playing it.
      const heard = { itemId: report.itemId, playedMs: Math.max(0, report.playedMs - this.#renderLeadMs()) };
      this.#flushes.shift()?.(heard);
      this.#handlers.onPlayback(heard.itemId === null ? report : { ...report, ...heard });
      return;
    }
    this.#handlers.onPlayback(report);
  }

  /** How far rendering runs ahead of the speaker, as far as the browser can tell (0 when it cannot). */
  #renderLeadMs() {
    const context = this.#context;
    const output = context?.getOutputTimestamp?.();
    if (!context || !output?.contextTime) return 0;
    return Math.min(500, Math.max(0, (context.currentTime - output.contextTime) * 1000));
  }
}

/** @param {unknown} cause */
function audioFailed(cause) {
  return new VoiceSessionError('relay_audio_failed', 'This browser could not start the audio for a call through the server. '
    + 'Use a current version of Chrome, Edge, Firefox or Safari, then press Reconnect.', { cause });
}

/** @param {Uint8Array} bytes */
function toBase64(bytes) {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** @param {string} base64 */
function pcmFromBase64(base64) {
  const binary = atob(base64);
  const samples = new Int16Array(binary.length >> 1);
  for (let i = 0; i < samples.length; i++) {
    const value = binary.charCodeAt(2 * i) | (binary.charCodeAt(2 * i + 1) << 8);
    samples[i] = value >= 0x8000 ? value - 0x10000 : value;
  }
  return samples;
}
