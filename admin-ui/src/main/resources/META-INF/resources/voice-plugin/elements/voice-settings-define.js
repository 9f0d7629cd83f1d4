// Registers <voice-settings>. Kept apart from the class so a host can register it under its own
// tag or in a scoped registry by importing voice-settings.js and calling define() itself.
import { VoiceSettingsElement } from './voice-settings.js';

if (!customElements.get('voice-settings')) VoiceSettingsElement.define();

export { VoiceSettingsElement };
