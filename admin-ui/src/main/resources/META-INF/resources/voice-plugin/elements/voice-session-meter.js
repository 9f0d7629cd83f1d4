// Microphone and assistant levels: a Web Audio AnalyserNode per stream, drawn into <meter>
// elements once per animation frame. The analysers are not connected to the speakers; the remote
// voice is played by the element's <audio>, which Chrome also needs to feed a remote stream to Web Audio.

/** Levels below this many dBFS show as empty; speech sits around -30..-10. */
const FLOOR_DB = -60;
/** How much of the previous frame's level remains: a short fall-off reads better than flicker. */
const DECAY = 0.85;

export class LevelMeters {
  /** @type {AudioContext | null} */
  #context = null;
  #frame = 0;
  /** @type {Array<{source: MediaStreamAudioSourceNode, analyser: AnalyserNode, data: Float32Array<ArrayBuffer>, meter: HTMLMeterElement, level: number}>} */
  #taps = [];

  /** Create from a click handler: browsers start an AudioContext only after a user gesture. */
  constructor() {
    try {
      this.#context = new AudioContext();
    } catch {
      this.#context = null; // no Web Audio: the session works, the meters stay empty
    }
  }

  /**
   * @param {MediaStream} stream
   * @param {HTMLMeterElement} meter
   */
  attach(stream, meter) {
    if (!this.#context || this.#context.state === 'closed' || stream.getAudioTracks().length === 0) return;
    // A meter shows one stream: after a failed WebRTC attempt the relay brings new ones.
    for (const tap of this.#taps.filter((t) => t.meter === meter)) tap.source.disconnect();
    this.#taps = this.#taps.filter((t) => t.meter !== meter);
    const source = this.#context.createMediaStreamSource(stream);
    const analyser = this.#context.createAnalyser();
    analyser.fftSize = 1024;
    source.connect(analyser);
    this.#taps.push({ source, analyser, data: new Float32Array(analyser.fftSize), meter, level: 0 });
    this.#context.resume().catch(() => {});
    if (!this.#frame) this.#frame = requestAnimationFrame(this.#draw);
  }

  /** Stops drawing, empties the meters and closes the AudioContext. */
  close() {
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    for (const tap of this.#taps) {
      tap.source.disconnect();
      tap.meter.value = 0;
    }
    this.#taps = [];
    this.#context?.close().catch(() => {});
    this.#context = null;
  }

  #draw = () => {
    for (const tap of this.#taps) {
      tap.analyser.getFloatTimeDomainData(tap.data);
      let sum = 0;
      for (const sample of tap.data) sum += sample * sample;
      const rms = Math.sqrt(sum / tap.data.length);
      const db = rms > 0 ? 20 * Math.log10(rms) : FLOOR_DB;
      const level = Math.min(1, Math.max(0, (db - FLOOR_DB) / -FLOOR_DB));
      tap.level = Math.max(level, tap.level * DECAY);
      tap.meter.value = tap.level < 0.01 ? 0 : tap.level;
    }
    this.#frame = requestAnimationFrame(this.#draw);
  };
}
