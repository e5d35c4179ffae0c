namespace WhatsTheTab.TaskQueue;

/// <summary>One task a supervisor pass took back from a worker.</summary>
/// <param name="Id">The task id.</param>
/// <param name="Outcome">Requeued or dead-lettered.</param>
/// <param name="Reason">Why: the lease expired or the worker's heartbeat vanished (and, when dead-lettered, the attempt count).</param>
/// <param name="Attempts">Attempts made so far.</param>
/// <param name="WorkerId">The worker that lost it; empty when none was recorded (a raw-command worker).</param>
public sealed record RecoveredTask(string Id, RecoveryOutcome Outcome, string Reason, int Attempts, string WorkerId);
