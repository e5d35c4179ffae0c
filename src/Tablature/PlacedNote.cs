using WhatsTheTab.Transcription.Notes;

namespace WhatsTheTab.Tablature;

/// <summary>An input note placed on the neck and on the grid: string, fret, quantized ticks, and its original times.</summary>
/// <param name="SourceIndex">Index of the note in the list given to <see cref="TablatureBuilder.Build"/>.</param>
/// <param name="Source">The note as given (unquantized times in seconds, original pitch, amplitude).</param>
/// <param name="Pitch">The pitch played: <see cref="NoteEvent.Pitch"/> moved by <see cref="OctaveShift"/> when it was out of range.</param>
/// <param name="StringNumber">Tab string, 1 = top line of the tab (highest string of a standard tuning).</param>
/// <param name="Fret">Fret counted from the capo (0 = open string or the capo).</param>
/// <param name="StartTick">Quantized start, in ticks of the <see cref="Rhythm.BeatGrid"/> from the start of bar 1.</param>
/// <param name="EndTick">Quantized end of the sound (cut where the same string is needed again, see <see cref="TabReport.Shortened"/>).</param>
/// <param name="QuantizedStartSeconds">Where <see cref="StartTick"/> lies on the beat grid, in seconds.</param>
/// <param name="QuantizedEndSeconds">Where <see cref="EndTick"/> lies on the beat grid, in seconds.</param>
public sealed record PlacedNote(
    int SourceIndex,
    NoteEvent Source,
    int Pitch,
    int StringNumber,
    int Fret,
    int StartTick,
    int EndTick,
    double QuantizedStartSeconds,
    double QuantizedEndSeconds)
{
    /// <summary>Semitones the note was moved by to fit the instrument (a multiple of 12; 0 when it fitted).</summary>
    public int OctaveShift => Pitch - Source.Pitch;

    /// <summary>The unquantized start in seconds.</summary>
    public double StartSeconds => Source.StartSeconds;

    /// <summary>The unquantized end in seconds.</summary>
    public double EndSeconds => Source.EndSeconds;
}
