namespace WhatsTheTab.TestSupport;

/// <summary>A synthetic test piece: its truth notes and the rendered MIDI and 22 050 Hz WAV files.</summary>
public sealed record TestClip(
    string Name,
    string Description,
    int Program,
    double Bpm,
    IReadOnlyList<TruthNote> Truth,
    string MidiPath,
    string WavPath)
{
    /// <summary>End of the last truth note in seconds (the WAV is longer: the synthesizer adds a release tail).</summary>
    public double TruthEndSeconds => Truth.Count == 0 ? 0 : Truth.Max(n => n.End);

    public override string ToString() => Name;
}
