using WhatsTheTab.Grains.Abstractions.Jobs;
using WhatsTheTab.Transcription.Notes;
using WhatsTheTab.Transcription.Output;

namespace WhatsTheTab.Silo.Gpu.Worker;

/// <summary>Maps a job's options (as the web tier validated them) onto the engine's note and MIDI options.</summary>
public static class JobOptionsMapper
{
    /// <summary>Post-processing settings; throws <see cref="ArgumentException"/> for a pitch-bend mode the engine does not know.</summary>
    public static NoteOptions ToNoteOptions(JobOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new NoteOptions
        {
            OnsetThreshold = options.OnsetThreshold,
            FrameThreshold = options.FrameThreshold,
            MinNoteLengthFrames = NoteOptions.MillisecondsToFrames(options.MinNoteLengthMs),
            EnergyTolerance = options.EnergyTolerance,
            InferOnsets = options.InferOnsets,
            MelodiaTrick = options.MelodiaTrick,
            MinFrequency = options.MinFrequency,
            MaxFrequency = options.MaxFrequency,
            PitchBends = ParsePitchBends(options.PitchBends),
        };
    }

    /// <summary>MIDI layout; throws <see cref="ArgumentException"/> for an unknown instrument or pitch-bend mode.</summary>
    public static MidiOptions ToMidiOptions(JobOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new MidiOptions
        {
            TempoBpm = options.TempoBpm,
            Instrument = InstrumentPresets.Parse(options.Instrument),
            PitchBends = ParsePitchBends(options.PitchBends),
        };
    }

    /// <summary>"none", "single" or "per-note" (case-insensitive).</summary>
    public static PitchBendMode ParsePitchBends(string? mode) => mode?.Trim().ToLowerInvariant() switch
    {
        "none" => PitchBendMode.None,
        "single" => PitchBendMode.SingleTrack,
        "per-note" => PitchBendMode.PerNote,
        _ => throw new ArgumentException($"Unknown pitch-bend mode '{mode}'; expected one of: {string.Join(", ", JobOptions.PitchBendModes)}.", nameof(mode)),
    };
}
