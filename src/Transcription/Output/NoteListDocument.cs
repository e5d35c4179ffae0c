namespace WhatsTheTab.Transcription.Output;

/// <summary>The notes.json top level: format version, the model's sample rate, the bend unit and the notes.</summary>
internal sealed record NoteListDocument(
    int Version,
    int SampleRate,
    int PitchBendsPerSemitone,
    int NoteCount,
    IReadOnlyList<NoteListEntry>? Notes);
