using Microsoft.Extensions.DependencyInjection;

namespace WhatsTheTab.Grains.Jobs;

/// <summary>
/// Where the job grains read the time: a <see cref="TimeProvider"/> registered under <see cref="ServiceKey"/> (tests
/// register a manual clock), else the system clock. Keyed so a test clock never reaches Orleans' own timers.
/// </summary>
public static class GrainClock
{
    /// <summary>The keyed-service key for the job grains' <see cref="TimeProvider"/>.</summary>
    public const string ServiceKey = "whatsthetab.grains.clock";

    internal static TimeProvider Resolve(IServiceProvider services) =>
        services.GetKeyedService<TimeProvider>(ServiceKey) ?? TimeProvider.System;
}
