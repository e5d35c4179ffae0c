namespace WhatsTheTab.Silo.Web.Security;

/// <summary>One configured API key: its id (the caller's name, the owner of the jobs it creates) and the SHA-256 of its secret.</summary>
public sealed record ApiKey(string Id, ReadOnlyMemory<byte> KeyHash);
