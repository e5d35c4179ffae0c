using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WhatsTheTab.TaskQueue;

namespace WhatsTheTab.Silo.Gpu.Configuration;

/// <summary>
/// Validates every settings class before anything starts, so a misconfigured silo says everything that is wrong at once
/// (one line per problem) instead of the first failure deep inside Orleans' start-up.
/// </summary>
public static partial class StartupCheck
{
    /// <summary>Logs each invalid setting and returns false when there is any.</summary>
    public static bool Validate(IServiceProvider services, ILogger logger)
    {
        var failures = Failures(services);
        foreach (var failure in failures)
        {
            LogInvalidSetting(logger, failure);
        }

        return failures.Count == 0;
    }

    /// <summary>Every problem with the settings, one line each; empty when they are all usable.</summary>
    public static IReadOnlyList<string> Failures(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var failures = new List<string>();
        Collect<WorkerOptions>(services, failures);
        Collect<RedisOptions>(services, failures);
        Collect<SiloEndpointOptions>(services, failures);
        Collect<QueueOptions>(services, failures);
        return failures;
    }

    private static void Collect<T>(IServiceProvider services, List<string> failures)
        where T : class
    {
        try
        {
            _ = services.GetRequiredService<IOptions<T>>().Value;
        }
        catch (OptionsValidationException ex)
        {
            failures.AddRange(ex.Failures);
        }
        catch (InvalidOperationException ex)
        {
            // The binder could not convert a value (a word where a number, duration or choice belongs); its message
            // names the setting and the type it wanted.
            failures.Add(ex.InnerException is { } inner ? $"{ex.Message} {inner.Message}" : ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Invalid setting: {Failure}")]
    private static partial void LogInvalidSetting(ILogger logger, string failure);
}
