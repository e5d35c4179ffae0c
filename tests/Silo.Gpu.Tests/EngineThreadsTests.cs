using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WhatsTheTab.Silo.Gpu.Configuration;
using WhatsTheTab.Silo.Gpu.Worker;

namespace WhatsTheTab.Silo.Gpu.Tests;

public sealed class EngineThreadsTests
{
    // Scheduling policies as /proc reports them (sched.h).
    private const int SchedOther = 0;
    private const int SchedIdle = 5;

    [Fact]
    public async Task IdlePriority_RunsTheWorkAtSchedIdle_AndLeavesTheCallerAlone()
    {
        using var threads = new EngineThreads(2, EnginePriority.Idle, NullLogger.Instance);

        var policies = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => threads.RunAsync(CurrentThreadPolicy)));

        Assert.All(policies, policy => Assert.Equal(SchedIdle, policy));
        Assert.Equal(SchedOther, CurrentThreadPolicy());
    }

    [Fact]
    public async Task NormalPriority_KeepsTheDefaultPolicy()
    {
        using var threads = new EngineThreads(1, EnginePriority.Normal, NullLogger.Instance);

        Assert.Equal(SchedOther, await threads.RunAsync(CurrentThreadPolicy));
    }

    [Fact]
    public void AnUnknownPriority_IsReportedByTheStartupCheck_NotThrown()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Worker:WebBaseAddress"] = "http://127.0.0.1:8008",
                ["Worker:Token"] = new string('t', 16),
                ["Worker:EnginePriority"] = "lowest",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddOptions<WorkerOptions>().Bind(configuration.GetSection(WorkerOptions.SectionName));
        services.AddSingleton<IValidateOptions<WorkerOptions>, WorkerOptionsValidator>();
        using var provider = services.BuildServiceProvider();

        var failure = Assert.Single(StartupCheck.Failures(provider));

        Assert.Contains("Worker:EnginePriority", failure, StringComparison.Ordinal);
    }

    /// <summary>The policy field (the 41st) of /proc/thread-self/stat, read after the command name's closing parenthesis.</summary>
    private static int CurrentThreadPolicy()
    {
        var stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[41 - 3], CultureInfo.InvariantCulture);
    }
}
