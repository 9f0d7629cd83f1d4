/**
 * The settings screen's "Test connection": {@code POST /api/v1/realtime-settings/diagnostics} runs a
 * tenant's saved settings through configuration, key, model and mint checks against the real
 * provider and reports each step with the mint's stable failure codes. Entry point: {@link
 * dev.voiceplugin.impl.diagnostics.ConnectionDiagnostics}.
 */
package dev.voiceplugin.impl.diagnostics;
