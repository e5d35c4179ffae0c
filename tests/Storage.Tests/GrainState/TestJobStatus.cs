namespace WhatsTheTab.Storage.Tests.GrainState;

/// <summary>A status enum in test state, to see how enums are stored.</summary>
public enum TestJobStatus
{
    Pending,
    Running,
    Done,
}
