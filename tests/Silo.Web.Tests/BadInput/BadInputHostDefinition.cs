using WhatsTheTab.Silo.Web.Tests.Api;

namespace WhatsTheTab.Silo.Web.Tests.BadInput;

/// <summary>
/// The bad-input suite's own <see cref="ApiTestHost"/> (small limits, private queue): its per-case checks count jobs,
/// media files and queued tasks, and the valid uploads it makes after every case must not reach other tests' queue.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BadInputHostDefinition : ICollectionFixture<ApiTestHost>
{
    public const string Name = "embedded web silo for the bad-input suite";
}
