namespace WhatsTheTab.Grains.Abstractions.Jobs;

/// <summary>A finished transcription: where its files are and what is in them.</summary>
/// <param name="WorkerId">The worker that produced it.</param>
/// <param name="MidiKey">Media-store key of the MIDI file.</param>
/// <param name="NotesKey">Media-store key of the note list (JSON).</param>
/// <param name="Summary">Counts and ranges for listings.</param>
/// <param name="CompletedAt">When the result was stored.</param>
[GenerateSerializer, Immutable, Alias("whatsthetab.job-result")]
public sealed record JobResult(
    [property: Id(0)] string WorkerId,
    [property: Id(1)] string MidiKey,
    [property: Id(2)] string NotesKey,
    [property: Id(3)] JobResultSummary Summary,
    [property: Id(4)] DateTimeOffset CompletedAt);
