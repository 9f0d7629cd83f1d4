// Test only. Installed with page.addInitScript before any page script runs:
//  - window.__fakeModel plays the Realtime model: a second, real RTCPeerConnection in the same page
//    that answers the widget's SDP offer (FakeModel.java routes the POST to answer()), records every
//    data-channel event it receives, confirms session.update with session.updated, sends server
//    events on demand and streams a 440 Hz tone as the assistant's voice;
//  - it records the widget's own RTCPeerConnections and microphone streams (getStats, track state),
//    the getUserMedia constraints, the voice-session-state and -usage events and CSP violations, and
//    the page's fetches of a call (realtime-calls/{id}: when, how many at once, whether aborted, and
//    an optional delay before each is sent), without touching the widget's code.
(() => {
  if (window !== window.top || window.__fakeModel) return;
  const NativePeerConnection = window.RTCPeerConnection;

  const model = {
    /** Every event the widget sent on the data channel, parsed, in order. */
    received: [],
    channelLabels: [],
    /** RTCPeerConnections the page (the widget) created. */
    widgetPeers: [],
    /** Microphone streams handed to the page. */
    streams: [],
    getUserMediaCalls: 0,
    /** The constraints of every getUserMedia call, as JSON text. */
    constraints: [],
    states: [],
    usage: [],
    /** Fetches of realtime-calls/{id}: {t, url, aborted, done}. */
    callReads: [],
    callReadsInFlight: 0,
    maxCallReadsInFlight: 0,
    /** Milliseconds each fetch of a call waits before it is sent (a slow server). */
    callReadDelayMs: 0,
    cspViolations: [],
    calls: 0,
    /** false: never answer session.update (the widget must time out). */
    replySessionUpdated: true,
    /** An error event to answer session.update with, instead of session.updated. */
    rejectSessionUpdate: null,
    /** The first event on a new data channel (the Realtime API's session.created); null: none, the test sends it (GPT-Live). */
    greeting: { type: 'session.created', event_id: 'event_fake_greeting',
      session: { type: 'realtime', object: 'realtime.session', id: 'sess_fake', model: 'gpt-realtime' } },
    /** Set to e.g. "NotAllowedError" to make getUserMedia fail that way. */
    micError: null,
    peer: null,
    channel: null,
    audio: null,
    clickedAt: 0,
    listeningAt: 0,

    /** Answers an SDP offer like the provider: returns the answer SDP with all candidates. */
    async answer(offerSdp) {
      this.hangUp();
      const pc = new NativePeerConnection();
      this.peer = pc;
      this.calls += 1;
      pc.addEventListener('datachannel', ({ channel }) => this.adopt(channel));
      const voice = this.voice();
      await pc.setRemoteDescription({ type: 'offer', sdp: offerSdp });
      pc.addTrack(voice.getAudioTracks()[0], voice);
      await pc.setLocalDescription(await pc.createAnswer());
      await gatheringComplete(pc, 3000);
      return pc.localDescription.sdp;
    },

    adopt(channel) {
      this.channel = channel;
      this.channelLabels.push(channel.label);
      channel.addEventListener('message', (e) => this.onClientEvent(JSON.parse(e.data)));
      const greet = () => {
        if (this.greeting) this.send(this.greeting);
      };
      if (channel.readyState === 'open') greet(); else channel.addEventListener('open', greet, { once: true });
    },

    onClientEvent(event) {
      this.received.push(event);
      if (event.type !== 'session.update') return;
      if (this.rejectSessionUpdate) {
        this.send(this.rejectSessionUpdate);
      } else if (this.replySessionUpdated) {
        this.send({ type: 'session.updated', event_id: nextId('event'),
          session: { ...event.session, object: 'realtime.session', id: 'sess_fake' } });
      }
    },

    /** Sends one server event to the widget. */
    send(event) {
      if (this.channel?.readyState !== 'open') throw new Error('fake model: data channel is not open');
      this.channel.send(JSON.stringify(event));
    },

    /** Sends server events one after another, with a short pause so each is seen on its own. */
    async sendAll(events, pauseMs = 20) {
      for (const event of events) {
        this.send(event);
        await new Promise((r) => setTimeout(r, pauseMs));
      }
    },

    /** Drops the call as a provider outage would. */
    hangUp() {
      this.channel?.close();
      this.peer?.close();
      this.channel = null;
      this.peer = null;
    },

    /** The assistant's voice: a steady tone. */
    voice() {
      this.audio = this.audio || new AudioContext();
      const oscillator = this.audio.createOscillator();
      oscillator.frequency.value = 440;
      const gain = this.audio.createGain();
      gain.gain.value = 0.3;
      const destination = this.audio.createMediaStreamDestination();
      oscillator.connect(gain).connect(destination);
      oscillator.start();
      return destination.stream;
    },

    lastWidgetPeer() {
      return this.widgetPeers[this.widgetPeers.length - 1] || null;
    },

    /** Audio bytes the widget's peer connection received from the fake model. */
    async widgetInboundAudioBytes() {
      const pc = this.lastWidgetPeer();
      if (!pc) return 0;
      let bytes = 0;
      (await pc.getStats()).forEach((r) => { if (r.type === 'inbound-rtp' && r.kind === 'audio') bytes += r.bytesReceived; });
      return bytes;
    },

    /** What the test needs to know about the widget's connection and microphone, as plain data. */
    widget() {
      const pc = this.lastWidgetPeer();
      const sender = pc?.getSenders().find((s) => s.track?.kind === 'audio');
      const mic = this.streams[this.streams.length - 1]?.getAudioTracks()[0];
      return {
        connectionState: pc?.connectionState ?? null,
        signalingState: pc?.signalingState ?? null,
        senderTrackEnabled: sender ? sender.track.enabled : null,
        microphoneReadyState: mic?.readyState ?? null,
        liveMicrophoneTracks: this.streams.flatMap((s) => s.getAudioTracks()).filter((t) => t.readyState === 'live').length,
        modelChannelState: this.channel?.readyState ?? 'none',
      };
    },
  };

  window.RTCPeerConnection = class extends NativePeerConnection {
    constructor(...args) {
      super(...args);
      model.widgetPeers.push(this);
    }
  };

  const devices = navigator.mediaDevices;
  if (devices && typeof devices.getUserMedia === 'function') {
    const getUserMedia = devices.getUserMedia.bind(devices);
    devices.getUserMedia = async (constraints) => {
      model.getUserMediaCalls += 1;
      model.constraints.push(JSON.stringify(constraints));
      if (model.micError) throw new DOMException(`simulated ${model.micError}`, model.micError);
      const stream = await getUserMedia(constraints);
      model.streams.push(stream);
      return stream;
    };
  }

  const nativeFetch = window.fetch.bind(window);
  const CALL = /\/realtime-calls\/(?!options)[^/?]+$/;
  window.fetch = async (input, init = {}) => {
    const url = String(input instanceof Request ? input.url : input);
    if (!CALL.test(url) || (init.method || 'GET') !== 'GET') return nativeFetch(input, init);
    const read = { t: performance.now(), url, aborted: false, done: false };
    model.callReads.push(read);
    model.callReadsInFlight += 1;
    model.maxCallReadsInFlight = Math.max(model.maxCallReadsInFlight, model.callReadsInFlight);
    init.signal?.addEventListener('abort', () => { read.aborted = true; });
    try {
      if (model.callReadDelayMs) {
        await new Promise((resolve, reject) => {
          const timer = setTimeout(resolve, model.callReadDelayMs);
          init.signal?.addEventListener('abort', () => { clearTimeout(timer); reject(new DOMException('aborted', 'AbortError')); });
        });
      }
      return await nativeFetch(input, init);
    } finally {
      read.done = true;
      model.callReadsInFlight -= 1;
    }
  };

  window.addEventListener('click', () => { model.clickedAt = performance.now(); }, true);
  window.addEventListener('voice-session-usage', (e) => model.usage.push(e.detail));
  window.addEventListener('voice-session-state', (e) => {
    model.states.push(e.detail.state);
    if (e.detail.state === 'listening' && !model.listeningAt) model.listeningAt = performance.now();
  });
  window.addEventListener('securitypolicyviolation', (e) => {
    model.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
  }, true);

  let counter = 0;
  function nextId(prefix) {
    counter += 1;
    return `${prefix}_fake_${counter}`;
  }

  function gatheringComplete(pc, ms) {
    if (pc.iceGatheringState === 'complete') return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      pc.addEventListener('icegatheringstatechange', () => {
        if (pc.iceGatheringState === 'complete') {
          clearTimeout(timer);
          resolve();
        }
      });
    });
  }

  window.__fakeModel = model;
})();
