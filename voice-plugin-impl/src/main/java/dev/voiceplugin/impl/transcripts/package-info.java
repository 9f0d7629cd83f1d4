/**
 * Stored call transcripts (#13), off unless a tenant turns {@code transcripts.store} on: the
 * supervisor hands each watched call's provider events to a {@link dev.voiceplugin.impl.transcripts.CallTranscript},
 * which keeps whole lines (both sides' text, never audio) within per-call caps; one bounded
 * {@link dev.voiceplugin.impl.transcripts.TranscriptWriter} writes them to PostgreSQL in batches, a
 * purge deletes transcripts past their retention, and {@code /api/v1/transcripts} lets a tenant's
 * admins list, read, export and delete theirs.
 */
package dev.voiceplugin.impl.transcripts;
