// Registers <voice-transcripts>. Import this file from the page; import voice-transcripts.js to subclass
// or to register under another tag with VoiceTranscripts.define('my-tag').
import { VoiceTranscripts } from './voice-transcripts.js';

VoiceTranscripts.define();
