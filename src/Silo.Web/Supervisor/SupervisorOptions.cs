namespace WhatsTheTab.Silo.Web.Supervisor;

/// <summary>How often the queue supervisor runs; bound from section <see cref="SectionName"/>.</summary>
public sealed class SupervisorOptions
{
    public const string SectionName = "Supervisor";

    /// <summary>The time between passes (requeue expired leases, promote due retries).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(2);
}
