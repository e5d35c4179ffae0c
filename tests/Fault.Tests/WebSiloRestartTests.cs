using WhatsTheTab.TestSupport;
using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace WhatsTheTab.Fault.Tests;

/// <summary>
/// Kill the web silo (SIGKILL) while jobs run and start it again: results finished while it was down reach the jobs
/// after the restart (the router's <c>task:results</c> catch-up) and every job completes exactly once.
/// </summary>
public sealed class WebSiloRestartTests(ITestOutputHelper output)
{
    [Fact]
    public async Task WebSiloKilledAndRestartedWhileJobsRun_EveryJobCompletesExactlyOnce()
    {
        await using var cluster = await FaultCluster.StartAsync(gpuSilos: 2);
        using var http = cluster.Http();
        var client = new JobsClient(http);
        var run = new JobRun(cluster, client, output);
        await run.SubmitAsync(8, loops: 2);

        await client.WaitUntilAsync(run.Jobs[0].Id, j => j.GetProperty("status").GetString() is "processing" or "completed", TimeSpan.FromMinutes(2), "processing");
        var processing = (await run.ProcessingAsync()).Count;
        cluster.Web.Kill();
        var clock = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(3)); // jobs go on (and may finish) while no web silo runs
        cluster.Web.Restart();
        await cluster.Web.WaitUntilHttpReadyAsync(cluster.WebAddress, "/readyz");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"web silo killed with {processing} jobs processing; ready again after {clock.Elapsed.TotalSeconds:F1} s"));

        await run.AssertEveryJobCompletedExactlyOnceAsync(TimeSpan.FromMinutes(4));
    }
}
