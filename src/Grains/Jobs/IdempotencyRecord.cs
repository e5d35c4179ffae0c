namespace WhatsTheTab.Grains.Jobs;

/// <summary>An <c>Idempotency-Key</c> reservation: the job it created, the request's fingerprint, and when (for expiry).</summary>
[GenerateSerializer, Immutable, Alias("whatsthetab.idempotency-record")]
public sealed record IdempotencyRecord(
    [property: Id(0)] Guid JobId,
    [property: Id(1)] string RequestFingerprint,
    [property: Id(2)] DateTimeOffset ReservedAt);
