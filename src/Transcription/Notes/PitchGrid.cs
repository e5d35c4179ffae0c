namespace WhatsTheTab.Transcription.Notes;

/// <summary>basic-pitch's pitch grid (basic_pitch/constants.py): 88 note bins from A0, contours at 3 bins per semitone.</summary>
internal static class PitchGrid
{
    /// <summary>MIDI number of pitch bin 0 (A0).</summary>
    public const int MidiOffset = 21;

    public const int MaxPitchIndex = Activations.PitchBins - 1;

    public const int ContourBinsPerSemitone = 3;

    /// <summary>Frequency of contour bin 0 (A0), in Hz.</summary>
    public const double ContourBaseFrequency = 27.5;

    public static double HzToMidi(double hz) => (12 * Math.Log2(hz / 440.0)) + 69;

    public static double MidiToHz(double midi) => 440.0 * Math.Pow(2.0, (midi - 69.0) / 12.0);
}
