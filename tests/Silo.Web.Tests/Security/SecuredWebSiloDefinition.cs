namespace WhatsTheTab.Silo.Web.Tests.Security;

/// <summary>The tests that share one <see cref="SecuredWebSilo"/> (API keys required, small upload rate).</summary>
[CollectionDefinition(Name)]
public sealed class SecuredWebSiloDefinition : ICollectionFixture<SecuredWebSilo>
{
    public const string Name = "embedded web silo with API keys required";
}
