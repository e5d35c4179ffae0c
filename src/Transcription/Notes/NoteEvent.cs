namespace WhatsTheTab.Transcription.Notes;

/// <summary>One transcribed note: when it sounds, which MIDI pitch, how loud, and (optionally) how its pitch bends.</summary>
/// <param name="StartSeconds">Onset time in seconds from the start of the audio.</param>
/// <param name="EndSeconds">Offset time in seconds.</param>
/// <param name="Pitch">MIDI note number (21 = A0 … 108 = C8).</param>
/// <param name="Amplitude">Mean frame activation over the note, 0..1 (MIDI velocity is <see cref="Velocity"/>).</param>
/// <param name="PitchBends">Per-frame bend in thirds of a semitone relative to <paramref name="Pitch"/>, or null when not estimated.</param>
public sealed record NoteEvent(double StartSeconds, double EndSeconds, int Pitch, double Amplitude, IReadOnlyList<int>? PitchBends = null)
{
    /// <summary>MIDI velocity as basic-pitch computes it: round(127 × amplitude), clamped to 1..127.</summary>
    public int Velocity => Math.Clamp((int)Math.Round(127 * Amplitude, MidpointRounding.ToEven), 1, 127);
}
