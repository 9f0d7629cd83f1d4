/**
 * GPT-Live ({@code /v1/live/sessions}) at OpenAI and Azure OpenAI, behind the same {@link
 * dev.voiceplugin.impl.provider.calls.CallProvider} as the Realtime API: a session is created from
 * the browser's SDP offer with a JSON body, watched over {@code …/live/sessions/{id}/attach}, and
 * ended with the {@code session.close} event (its REST hang-up is for SIP calls only). Entry point:
 * {@link dev.voiceplugin.impl.provider.live.LiveCallProvider}.
 */
package dev.voiceplugin.impl.provider.live;
