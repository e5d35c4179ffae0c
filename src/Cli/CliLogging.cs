using Microsoft.Extensions.Logging;

namespace WhatsTheTab.Cli;

/// <summary>wtt's logger: single-line console logs on standard error (standard output is for results), Warning and up unless --verbose.</summary>
public static class CliLogging
{
    public static ILoggerFactory CreateFactory(bool verbose) => LoggerFactory.Create(builder => builder
        .SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Warning)
        .AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace)
        .AddSimpleConsole(options =>
        {
            options.SingleLine = true;
            options.TimestampFormat = "HH:mm:ss ";
        }));
}
