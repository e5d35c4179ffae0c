using WhatsTheTab.TestSupport;
using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace WhatsTheTab.Fault.Tests;

/// <summary>
/// kill -9 a GPU silo while its job is processing, restart it, again and again over a run of jobs on two GPU silos:
/// the supervisor takes every orphaned lease back and every job still completes exactly once.
/// </summary>
public sealed class GpuSiloKillTests(ITestOutputHelper output)
{
    private const int Jobs = 30;
    private const int Kills = 10;

    [Fact]
    public async Task KillNineMidJob_RepeatedlyWithTwoGpuSilos_EveryJobCompletesExactlyOnce()
    {
        await using var cluster = await FaultCluster.StartAsync(gpuSilos: 2);
        using var http = cluster.Http();
        var client = new JobsClient(http);
        var run = new JobRun(cluster, client, output);
        await run.SubmitAsync(Jobs, loops: 3);

        var recoveries = new List<Task<TimeSpan>>();
        var killed = new HashSet<Guid>();
        string? lastKilled = null;
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (recoveries.Count < Kills)
        {
            Assert.True(DateTime.UtcNow < deadline, $"only {recoveries.Count} of {Kills} kills happened: no job was processing");

            // a job in the first half of its run on a live silo and not killed before (the poison limit is three
            // attempts), on the other silo than last time when there is a choice
            var candidates = (await run.ProcessingAsync(earlyOnly: true)).Where(p => !killed.Contains(p.Id) && cluster.Gpu(p.Worker).IsRunning).ToList();
            if (candidates.Count == 0)
            {
                Assert.False(await run.AllFinishedAsync(), $"every job finished after {recoveries.Count} of {Kills} kills");
                await Task.Delay(100);
                continue;
            }

            var victim = candidates.FirstOrDefault(p => p.Worker != lastKilled);
            victim = victim.Worker is null ? candidates[0] : victim;
            var silo = cluster.Gpu(victim.Worker);
            silo.Kill();
            var clock = Stopwatch.StartNew();
            killed.Add(victim.Id);
            lastKilled = victim.Worker;
            silo.Restart();
            recoveries.Add(RecoveryAsync(client, victim, clock, recoveries.Count + 1));
        }

        var recoveryTimes = await Task.WhenAll(recoveries);
        var finished = await run.AssertEveryJobCompletedExactlyOnceAsync(TimeSpan.FromMinutes(4));

        // the attempt history shows each kill's retry
        foreach (var id in killed)
        {
            var history = finished[run.Jobs.Select(j => j.Id).ToList().IndexOf(id)].GetProperty("attemptHistory").EnumerateArray().ToList();
            Assert.True(history.Count >= 2, $"killed job {id} shows no retry in its attempt history");
        }

        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"kills {recoveries.Count} over {Jobs} jobs (lease and heartbeat TTL {FaultCluster.Lease.TotalSeconds:F0} s): recovery (kill -> claimed again) " +
            $"{string.Join(", ", recoveryTimes.Select(r => $"{r.TotalSeconds:F1} s"))}; max {recoveryTimes.Max().TotalSeconds:F1} s"));
    }

    /// <summary>Waits until the killed job is claimed again (a new attempt, by either silo); returns the time since the kill.</summary>
    private async Task<TimeSpan> RecoveryAsync(JobsClient client, (Guid Id, string Worker, int Attempts) victim, Stopwatch clock, int kill)
    {
        var again = await client.WaitUntilAsync(
            victim.Id,
            j => j.GetProperty("attempts").GetInt32() > victim.Attempts || j.GetProperty("status").GetString() is "completed" or "failed",
            TimeSpan.FromMinutes(1),
            "claimed again after the kill");
        clock.Stop();
        Assert.True(again.GetProperty("attempts").GetInt32() > victim.Attempts, $"job {victim.Id} finished without being claimed again: {again}");
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"kill {kill}: {victim.Worker} killed on job {victim.Id} (attempt {victim.Attempts}); claimed again by {again.GetProperty("workerId").GetString()} after {clock.Elapsed.TotalSeconds:F1} s"));
        return clock.Elapsed;
    }
}
