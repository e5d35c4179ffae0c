namespace WhatsTheTab.Grains.Abstractions.Jobs;

/// <summary>Where a transcription job is in its life: pending → processing → completed | failed | cancelled.</summary>
[GenerateSerializer]
[Alias("whatsthetab.job-status")]
public enum JobStatus
{
    /// <summary>Accepted and queued, waiting for a worker (also after a hand-back or a supervisor requeue).</summary>
    Pending = 0,

    /// <summary>A worker claimed it and is transcribing.</summary>
    Processing = 1,

    /// <summary>The result (MIDI + notes) is stored.</summary>
    Completed = 2,

    /// <summary>It failed for good (or ran out of attempts); the reason is kept.</summary>
    Failed = 3,

    /// <summary>The owner cancelled it.</summary>
    Cancelled = 4,
}
