namespace WhatsTheTab.Storage.Tests.GrainState;

/// <summary><see cref="TestJobState"/> under another name, as after a rename: it must read rows written as the old type.</summary>
[GenerateSerializer]
[Alias("storage-tests.renamed-job-state")]
public sealed class RenamedJobState
{
    [Id(0)]
    public string Name { get; set; } = string.Empty;

    [Id(1)]
    public TestJobStatus Status { get; set; }

    [Id(2)]
    public int Chunks { get; set; }
}
