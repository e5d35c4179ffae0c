namespace WhatsTheTab.Storage.Tests.GrainState;

/// <summary>Grain state shaped like a job's: a name, a status, counters and a list.</summary>
[GenerateSerializer]
[Alias("storage-tests.test-job-state")]
public sealed class TestJobState
{
    [Id(0)]
    public string Name { get; set; } = string.Empty;

    [Id(1)]
    public TestJobStatus Status { get; set; }

    [Id(2)]
    public int Chunks { get; set; }

    [Id(3)]
    public List<string> Tags { get; set; } = [];
}
