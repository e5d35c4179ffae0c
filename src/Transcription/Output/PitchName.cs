namespace WhatsTheTab.Transcription.Output;

/// <summary>Scientific pitch names for MIDI note numbers (60 = "C4"), sharps only.</summary>
public static class PitchName
{
    private static readonly string[] Classes = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"];

    public static string Of(int midiPitch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(midiPitch);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(midiPitch, 127);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Classes[midiPitch % 12]}{(midiPitch / 12) - 1}");
    }
}
