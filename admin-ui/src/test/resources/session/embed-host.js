// The host's own script: follows the widget through its documented events only.
const session = document.querySelector('voice-session');
window.hostSeen = { states: [], usage: [] };
session.addEventListener('voice-session-state', (e) => {
  window.hostSeen.states.push(e.detail.state);
  document.getElementById('host-state').value = e.detail.state;
});
document.addEventListener('voice-session-usage', (e) => {
  window.hostSeen.usage.push(e.detail);
  document.getElementById('host-tokens').value = String(e.detail.totalTokens);
});
