using Xunit.Abstractions;

namespace WhatsTheTab.Fault.Tests;

/// <summary>
/// Uploads arriving while a GPU silo has just been killed, before the cluster has noticed: every one is accepted. Job
/// grains are registered in the Redis grain directory, so no job depends on the partition of Orleans' default
/// directory that the dead silo held (with that directory, about a third of these uploads failed with 500).
/// </summary>
public sealed class UploadsWithADeadGpuSiloTests(ITestOutputHelper output)
{
    private const int Uploads = 24;

    [Fact]
    public async Task UploadsRightAfterAGpuSiloIsKilled_AreAllAccepted_AndComplete()
    {
        await using var cluster = await FaultCluster.StartAsync(gpuSilos: 2);
        using var http = cluster.Http();
        var client = new WhatsTheTab.TestSupport.JobsClient(http);
        var run = new JobRun(cluster, client, output);
        await run.SubmitAsync(2); // the cluster is warm: grains placed, both silos seen working

        var victim = cluster.Gpus[0];
        victim.Kill();
        await run.SubmitConcurrentlyAsync(Uploads); // throws on any answer but 202
        victim.Restart();

        await run.AssertEveryJobCompletedExactlyOnceAsync(TimeSpan.FromMinutes(3));
        output.WriteLine($"{Uploads} uploads accepted while {victim.Name} was dead; all completed once");
    }
}
