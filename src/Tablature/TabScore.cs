using WhatsTheTab.Tablature.Instruments;
using WhatsTheTab.Tablature.Rhythm;

namespace WhatsTheTab.Tablature;

/// <summary>A finished tab: instrument, beat grid, bars, events and placed notes, plus the report of what had to change.</summary>
public sealed record TabScore(
    TabOptions Options,
    TabInstrument Instrument,
    BeatGrid Grid,
    IReadOnlyList<TabMeasure> Measures,
    IReadOnlyList<TabEvent> Events,
    IReadOnlyList<PlacedNote> Notes,
    TabReport Report)
{
    public string? Title => string.IsNullOrWhiteSpace(Options.Title) ? null : Options.Title.Trim();

    public TimeSignature TimeSignature => Grid.TimeSignature;

    /// <summary>The tempo written into notation and MIDI: <see cref="BeatGrid.TempoBpm"/> rounded to whole quarter notes per minute.</summary>
    public int NotatedTempoBpm => (int)Math.Clamp(Math.Round(Grid.TempoBpm, MidpointRounding.AwayFromZero), 1, 1000);
}
