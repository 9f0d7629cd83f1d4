// Test only. Installed with page.addInitScript by RelayStub: records, on the page's own clock, when
// the widget sends each message on the relay socket (and for input_audio_buffer.append how many PCM
// bytes it carries) and when its state changes. The test's clock sees socket messages in batches,
// and sees a state late; timings that matter are taken here.
// WebSocket is patched at the first click, after Playwright has put its routed WebSocket in place.
(() => {
  if (window !== window.top || window.__relayProbe) return;
  const probe = { sent: [], states: [] };
  window.__relayProbe = probe;
  const patch = () => {
    const proto = window.WebSocket && window.WebSocket.prototype;
    if (!proto || proto.__relayProbed) return;
    const send = proto.send;
    proto.send = function (data) {
      const entry = { t: performance.now(), type: '(not JSON)', bytes: -1 };
      try {
        const event = JSON.parse(data);
        entry.type = event.type;
        if (event.type === 'input_audio_buffer.append') entry.bytes = atob(event.audio).length;
      } catch (e) { /* recorded as not JSON */ }
      probe.sent.push(entry);
      return send.call(this, data);
    };
    proto.__relayProbed = true;
  };
  window.addEventListener('click', patch, true);
  window.addEventListener('voice-session-state', (e) => probe.states.push({ t: performance.now(), state: e.detail.state }));
})();
