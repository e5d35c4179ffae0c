using System.Text.Json;
using System.Text.Json.Serialization;
using WhatsTheTab.Tablature.Instruments;
using WhatsTheTab.Tablature.Rhythm;

namespace WhatsTheTab.Tablature.Export;

/// <summary>
/// Writes a <see cref="TabScore"/> as JSON for programs (the web UI draws and plays it): instrument and tuning, tempo and
/// beat times, bars of events with each note's string, fret, pitch and times (quantized and as played), and what had to
/// change. camelCase; version 1.
/// </summary>
public static class TabJsonWriter
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static void Write(TabScore score, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        JsonSerializer.Serialize(destination, Document(score), Options);
    }

    public static byte[] ToUtf8Bytes(TabScore score) => JsonSerializer.SerializeToUtf8Bytes(Document(score), Options);

    /// <summary>The document <see cref="Write"/> serializes.</summary>
    public static TabDocument Document(TabScore score)
    {
        ArgumentNullException.ThrowIfNull(score);
        TabInstrument instrument = score.Instrument;
        BeatGrid grid = score.Grid;
        return new TabDocument(
            1,
            score.Title,
            instrument.Kind.ToName(),
            new TabTuningView(
                instrument.Tuning.Name,
                [.. instrument.Tuning.OpenPitches.Select(NoteName.WithOctave)],
                [.. Enumerable.Range(1, instrument.StringCount).Select(instrument.OpenPitch)]),
            instrument.Capo,
            instrument.MaxFret,
            score.NotatedTempoBpm,
            Math.Round(grid.EstimatedTempoBpm, 2),
            Math.Round(grid.Confidence, 3),
            score.TimeSignature.ToString(),
            BeatGrid.TicksPerQuarter,
            [.. grid.BeatTimes.Select(t => Math.Round(t, 4))],
            [.. score.Measures.Select(m => new TabMeasureView(
                m.Number,
                m.StartTick,
                m.LengthTicks,
                Math.Round(m.StartSeconds, 4),
                [.. m.Events.Select(e => new TabEventView(
                    e.StartTick,
                    e.DurationTicks,
                    [.. e.Notes.Select(n => new TabNoteView(
                        n.StringNumber,
                        n.Fret,
                        n.Pitch,
                        n.StartTick,
                        n.EndTick,
                        Math.Round(n.QuantizedStartSeconds, 4),
                        Math.Round(n.QuantizedEndSeconds, 4),
                        Math.Round(n.StartSeconds, 4),
                        Math.Round(n.EndSeconds, 4),
                        n.Source.Velocity,
                        n.SourceIndex))]))]))],
            new TabReportView(
                score.Notes.Count,
                [.. score.Report.Dropped.Select(d => new TabDroppedView(d.SourceIndex, d.Source.Pitch, Math.Round(d.Source.StartSeconds, 4), ReasonName(d.Reason)))],
                [.. score.Report.Transposed.Select(t => new TabTransposedView(t.SourceIndex, t.OriginalPitch, t.Pitch))],
                score.Report.Shortened.Count));
    }

    private static string ReasonName(DropReason reason) => reason switch
    {
        DropReason.Invalid => "invalid",
        DropReason.OutOfRange => "out-of-range",
        DropReason.DuplicatePitch => "duplicate-pitch",
        DropReason.Unplayable => "unplayable",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Unknown drop reason."),
    };
}
