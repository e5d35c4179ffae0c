using WhatsTheTab.TestSupport;
using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace WhatsTheTab.Fault.Tests;

/// <summary>Restart PostgreSQL (grain state and media) while jobs run: the web silo rides out the outage and every job completes.</summary>
public sealed class PostgresRestartTests(ITestOutputHelper output)
{
    [Fact]
    public async Task PostgresRestartWhileJobsRun_EveryJobCompletesExactlyOnce()
    {
        await using var cluster = await FaultCluster.StartAsync(gpuSilos: 2);
        using var http = cluster.Http();
        var client = new JobsClient(http);
        var run = new JobRun(cluster, client, output);
        await run.SubmitAsync(8, loops: 2);

        await client.WaitUntilAsync(run.Jobs[0].Id, j => j.GetProperty("status").GetString() is "processing" or "completed", TimeSpan.FromMinutes(2), "processing");
        var processing = (await run.ProcessingAsync()).Count;
        var clock = Stopwatch.StartNew();
        cluster.Postgres.Restart();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"PostgreSQL restarted in {clock.Elapsed.TotalSeconds:F1} s with {processing} jobs processing"));

        await run.AssertEveryJobCompletedExactlyOnceAsync(TimeSpan.FromMinutes(4));
    }
}
