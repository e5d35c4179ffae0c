using System.Diagnostics;
using System.Globalization;
using WhatsTheTab.TestSupport;
using WhatsTheTab.TestSupport.Services;
using Xunit.Abstractions;

namespace WhatsTheTab.Fault.Tests;

/// <summary>
/// A piece of the deployment restarted while jobs are queued and running — redis-server (append-only file on: the
/// queue survives), PostgreSQL (grain state and media: the web silo rides out the outage), or the web silo killed with
/// SIGKILL (results finished while it was down reach their jobs through the router's <c>task:results</c> catch-up) —
/// and every job still completes exactly once.
/// </summary>
public sealed class RestartUnderLoadTests(ITestOutputHelper output)
{
    public static TheoryData<string> Pieces() => ["redis-server", "PostgreSQL", "web silo"];

    [Theory]
    [MemberData(nameof(Pieces))]
    public async Task RestartWhileJobsRun_EveryJobCompletesExactlyOnce(string piece)
    {
        await using var cluster = await FaultCluster.StartAsync(gpuSilos: 2);
        using var http = cluster.Http();
        var client = new JobsClient(http);
        var run = new JobRun(cluster, client, output);
        await run.SubmitAsync(8, loops: 2);

        await client.WaitUntilAsync(run.Jobs[0].Id, j => j.GetProperty("status").GetString() is "processing" or "completed", TimeSpan.FromMinutes(2), "processing");
        var processing = (await run.ProcessingAsync()).Count;
        var clock = Stopwatch.StartNew();
        await RestartAsync(cluster, piece);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{piece} restarted with {processing} jobs processing; back after {clock.Elapsed.TotalSeconds:F1} s"));

        await run.AssertEveryJobCompletedExactlyOnceAsync(TimeSpan.FromMinutes(4));
    }

    private static async Task RestartAsync(LocalCluster cluster, string piece)
    {
        switch (piece)
        {
            case "redis-server":
                cluster.Redis.Restart();
                break;
            case "PostgreSQL":
                cluster.Postgres.Restart();
                break;
            default:
                cluster.Web.Kill();
                await Task.Delay(TimeSpan.FromSeconds(3)); // jobs go on (and may finish) while no web silo runs
                cluster.Web.Restart();
                await cluster.Web.WaitUntilHttpReadyAsync(cluster.WebAddress, "/readyz");
                break;
        }
    }
}
