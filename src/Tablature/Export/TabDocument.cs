namespace WhatsTheTab.Tablature.Export;

/// <summary>The JSON form of a tab (see <see cref="TabJsonWriter"/>), format version 1.</summary>
/// <remarks>
/// <c>Instrument</c> is "guitar", "7-string", "bass" or "bass-5"; frets are counted from <c>Capo</c>, and <c>MaxFret</c>
/// is the neck's highest fret (not counted from the capo). <c>TempoBpm</c> is the notated tempo in quarter notes per
/// minute. Every tick field counts <c>TicksPerQuarter</c> ticks per quarter note from the start of bar 1, and
/// <c>BeatTimes</c> gives each counted beat's time in seconds (beat 0 starts bar 1).
/// </remarks>
public sealed record TabDocument(
    int Version,
    string? Title,
    string Instrument,
    TabTuningView Tuning,
    int Capo,
    int MaxFret,
    int TempoBpm,
    double EstimatedTempoBpm,
    double TempoConfidence,
    string TimeSignature,
    int TicksPerQuarter,
    IReadOnlyList<double> BeatTimes,
    IReadOnlyList<TabMeasureView> Measures,
    TabReportView Report);

/// <summary>A tuning: its name, the open strings low string first with octaves, and each tab string's open pitch (index 0 = string 1, the top line).</summary>
public sealed record TabTuningView(string Name, IReadOnlyList<string> Notes, IReadOnlyList<int> StringPitches);

/// <summary>One bar and the events that start in it.</summary>
public sealed record TabMeasureView(int Number, int StartTick, int LengthTicks, double StartSeconds, IReadOnlyList<TabEventView> Events);

/// <summary>Notes that start together, with the written length of the event.</summary>
public sealed record TabEventView(int StartTick, int DurationTicks, IReadOnlyList<TabNoteView> Notes);

/// <summary>
/// A note on the neck: tab string (1 = top line) and fret from the capo, the pitch played (after any octave move), its
/// quantized ticks and seconds, its times as transcribed (<c>Played…</c>), velocity, and its index in the note list the
/// tab was made from.
/// </summary>
public sealed record TabNoteView(
    int StringNumber,
    int Fret,
    int Pitch,
    int StartTick,
    int EndTick,
    double StartSeconds,
    double EndSeconds,
    double PlayedStartSeconds,
    double PlayedEndSeconds,
    int Velocity,
    int Index);

/// <summary>How many notes were placed, which were left out or moved by octaves, and how many were cut short.</summary>
public sealed record TabReportView(int Placed, IReadOnlyList<TabDroppedView> Dropped, IReadOnlyList<TabTransposedView> Transposed, int Shortened);

/// <summary>A note left out: its index, pitch and start, and why ("invalid", "out-of-range", "duplicate-pitch" or "unplayable").</summary>
public sealed record TabDroppedView(int Index, int Pitch, double StartSeconds, string Reason);

/// <summary>A note moved by octaves to fit the instrument.</summary>
public sealed record TabTransposedView(int Index, int FromPitch, int ToPitch);
