namespace WhatsTheTab.Silo.Gpu.Tests.TestDoubles;

/// <summary>One request as <see cref="FakeWebTier"/> saw it.</summary>
internal sealed record RecordedRequest(string Method, string Path, string Host, string Token, string WorkerId);
