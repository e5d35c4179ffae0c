namespace WhatsTheTab.Silo.Web.Tests.Api;

/// <summary>The tests that share one <see cref="ApiTestHost"/> (small upload limits, a private queue).</summary>
[CollectionDefinition(Name)]
public sealed class ApiTestHostDefinition : ICollectionFixture<ApiTestHost>
{
    public const string Name = "embedded web silo with small upload limits";
}
