namespace WhatsTheTab.Transcription.Output;

/// <summary>One note in notes.json; name and velocity are derived on writing, and velocity stands in for a missing amplitude on reading.</summary>
internal sealed record NoteListEntry(
    double Start,
    double End,
    int Pitch,
    string? Name,
    int? Velocity,
    double? Amplitude,
    IReadOnlyList<int>? PitchBends);
