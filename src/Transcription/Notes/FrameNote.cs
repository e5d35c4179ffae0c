namespace WhatsTheTab.Transcription.Notes;

/// <summary>A note in model frames as post-processing finds it: frames [StartFrame, EndFrame), MIDI pitch, mean activation.</summary>
internal readonly record struct FrameNote(int StartFrame, int EndFrame, int Pitch, double Amplitude);
