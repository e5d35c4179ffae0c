namespace WhatsTheTab.Grains.Abstractions.Jobs;

/// <summary>The job an <c>Idempotency-Key</c> already created, and the fingerprint of the request that created it.</summary>
[GenerateSerializer, Immutable, Alias("whatsthetab.idempotency-reservation")]
public sealed record IdempotencyReservation(
    [property: Id(0)] Guid JobId,
    [property: Id(1)] string RequestFingerprint);
