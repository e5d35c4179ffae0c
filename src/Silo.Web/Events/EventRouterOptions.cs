namespace WhatsTheTab.Silo.Web.Events;

/// <summary>How the Redis event router catches up; bound from section <see cref="SectionName"/>.</summary>
public sealed class EventRouterOptions
{
    public const string SectionName = "Events";

    /// <summary>How often <c>task:results</c> is drained (besides at start-up), so completions published while no web silo listened are applied.</summary>
    public TimeSpan DrainInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The most ids applied per drain pass.</summary>
    public int DrainBatchSize { get; set; } = 100;
}
