namespace WhatsTheTab.Grains.Tests;

/// <summary>One test cluster for every grain test class (its tests run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class SharedCluster : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
