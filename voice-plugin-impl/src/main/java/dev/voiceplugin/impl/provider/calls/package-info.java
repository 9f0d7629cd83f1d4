/**
 * Server-controlled Realtime calls (GA) at OpenAI and Azure OpenAI: create a WebRTC call from the
 * browser's SDP offer, attach the server's sideband WebSocket, hang up. Entry point: {@link
 * dev.voiceplugin.impl.provider.calls.RealtimeCallProvider}, behind {@link
 * dev.voiceplugin.impl.provider.calls.CallProvider}; it maps failures with the same {@link
 * dev.voiceplugin.impl.provider.ProviderException}s as the mint.
 */
package dev.voiceplugin.impl.provider.calls;
