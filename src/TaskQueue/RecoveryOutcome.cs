namespace WhatsTheTab.TaskQueue;

/// <summary>What a supervisor did with a task whose lease expired or whose worker vanished.</summary>
public enum RecoveryOutcome
{
    /// <summary>Put back at the front of <c>task:queue</c> for another attempt.</summary>
    Requeued,

    /// <summary>Out of attempts: a poison job, moved to the dead letter list with the reason.</summary>
    DeadLettered,
}
