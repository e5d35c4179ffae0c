namespace WhatsTheTab.TaskQueue;

/// <summary>A task a worker holds the lease of. The worker acts on <see cref="Id"/>, never on an id from a notification.</summary>
/// <param name="Id">The claimed task id.</param>
/// <param name="Payload">The payload given at enqueue time (empty when a raw producer pushed only the id).</param>
/// <param name="WorkerId">The worker that holds the lease.</param>
/// <param name="Attempt">The attempt this claim starts (1 for the first).</param>
/// <param name="ClaimedAt">When it was claimed.</param>
/// <param name="LeaseDeadline">When the lease runs out unless renewed.</param>
public sealed record ClaimedTask(
    string Id,
    string Payload,
    string WorkerId,
    int Attempt,
    DateTimeOffset ClaimedAt,
    DateTimeOffset LeaseDeadline);
