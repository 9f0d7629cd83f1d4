// Registers <voice-usage>. Import this file from the page; import voice-usage.js to subclass or to
// register under another tag with VoiceUsage.define('my-tag').
import { VoiceUsage } from './voice-usage.js';

VoiceUsage.define();
