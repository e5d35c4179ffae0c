namespace WhatsTheTab.Silo.Web.Tests;

/// <summary>The tests that share one production-mode web silo (<see cref="PostgresWebSilo"/>).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresWebSiloDefinition : ICollectionFixture<PostgresWebSilo>
{
    public const string Name = "web silo on redis-server and PostgreSQL";
}
