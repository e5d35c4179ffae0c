namespace WhatsTheTab.Silo.Gpu.Configuration;

/// <summary>How the engine threads are scheduled against the rest of the machine (<see cref="WorkerOptions.EnginePriority"/>).</summary>
public enum EnginePriority
{
    /// <summary>
    /// Linux <c>SCHED_IDLE</c>: inference runs on whatever CPU nothing else wants. Every other thread (this silo's grain
    /// calls, heartbeats and lease renewals, and on a shared machine the web silo, Redis and PostgreSQL) runs the moment
    /// it wakes instead of waiting for a time slice behind a forward pass. Inference loses only the CPU the others use.
    /// The policy ranks threads within their own control group: in a Kubernetes pod it yields to the pod's own threads,
    /// while the pod's CPU share against other pods stays what its requests make it.
    /// </summary>
    Idle,

    /// <summary>The operating system's default policy: inference competes for the CPU on equal terms.</summary>
    Normal,
}
