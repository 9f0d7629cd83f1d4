// Registers <voice-session>. Import this file from the page; import voice-session.js to subclass
// or to register under another tag with VoiceSession.define('my-tag').
import { VoiceSession } from './voice-session.js';

VoiceSession.define();
