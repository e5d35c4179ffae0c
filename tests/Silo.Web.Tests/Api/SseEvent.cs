namespace WhatsTheTab.Silo.Web.Tests.Api;

/// <summary>One Server-Sent Event as read off the wire.</summary>
public sealed record SseEvent(string Name, string? Id, string Data);
