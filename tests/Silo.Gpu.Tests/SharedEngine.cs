namespace WhatsTheTab.Silo.Gpu.Tests;

/// <summary>Tests that run the engine share one model and run one at a time (the machine has few cores).</summary>
[CollectionDefinition(Name)]
public sealed class SharedEngine : ICollectionFixture<EngineFixture>
{
    public const string Name = "worker";
}
