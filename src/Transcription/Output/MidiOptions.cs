using WhatsTheTab.Transcription.Notes;

namespace WhatsTheTab.Transcription.Output;

/// <summary>How <see cref="MidiWriter"/> lays notes out in a Standard MIDI File.</summary>
public sealed record MidiOptions
{
    /// <summary>Tempo written to the file; note times in seconds are converted to ticks with it (basic-pitch: 120).</summary>
    public double TempoBpm { get; init; } = 120;

    public InstrumentPreset Instrument { get; init; } = InstrumentPreset.Piano;

    /// <summary>
    /// <see cref="PitchBendMode.SingleTrack"/>: one track on channel 1, bends of overlapping notes dropped;
    /// <see cref="PitchBendMode.PerNote"/>: a track and channel per pitch so every note keeps its bends;
    /// <see cref="PitchBendMode.None"/>: one track, no bends.
    /// </summary>
    public PitchBendMode PitchBends { get; init; } = PitchBendMode.SingleTrack;

    /// <summary>Ticks per quarter note (1..32767).</summary>
    public int TicksPerQuarter { get; init; } = 480;
}
