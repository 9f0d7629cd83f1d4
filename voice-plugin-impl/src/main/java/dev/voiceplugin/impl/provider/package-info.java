/**
 * Clients of the realtime providers (OpenAI, Azure OpenAI) that mint ephemeral GA Realtime client
 * secrets, and the session configuration sent with them. Entry point: {@link
 * dev.voiceplugin.impl.provider.ClientSecretMinter}; the browser's {@code session.update} comes from
 * {@link dev.voiceplugin.impl.provider.RealtimeSessionConfig}.
 */
package dev.voiceplugin.impl.provider;
