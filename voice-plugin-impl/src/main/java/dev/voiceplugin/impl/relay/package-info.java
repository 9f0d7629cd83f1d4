/**
 * The WebSocket relay: voice sessions for networks where WebRTC cannot connect. The browser opens
 * one WebSocket to the platform's own origin with a single-use ticket; the plugin opens the
 * provider's Realtime WebSocket with the tenant's key, sends the tenant's session first and then
 * forwards events both ways under a policy (an allow-list of client events, size and rate limits,
 * bounded queues with backpressure). A relayed session is a call: it shares the caps, usage records
 * and admin views of server-controlled calls ({@link dev.voiceplugin.impl.calls}).
 */
package dev.voiceplugin.impl.relay;
