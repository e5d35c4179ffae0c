namespace WhatsTheTab.Grains.Abstractions.Jobs;

/// <summary>A new job as the web tier accepted it: the stored upload, what was probed from it, and the options.</summary>
/// <param name="FileName">The uploaded file's name, for display only (never used to build a path).</param>
/// <param name="SizeBytes">Upload size.</param>
/// <param name="DurationSeconds">Audio duration as probed at upload.</param>
/// <param name="AudioKey">Media-store key of the uploaded audio.</param>
/// <param name="Options">Engine and output options.</param>
/// <param name="Owner">The API key's id that created the job (null when keys are off).</param>
/// <param name="SubmittedAt">When the web tier accepted it.</param>
[GenerateSerializer, Immutable, Alias("whatsthetab.job-submission")]
public sealed record JobSubmission(
    [property: Id(0)] string FileName,
    [property: Id(1)] long SizeBytes,
    [property: Id(2)] double DurationSeconds,
    [property: Id(3)] string AudioKey,
    [property: Id(4)] JobOptions Options,
    [property: Id(5)] string? Owner,
    [property: Id(6)] DateTimeOffset SubmittedAt);
