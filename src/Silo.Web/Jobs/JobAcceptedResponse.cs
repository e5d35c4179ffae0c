namespace WhatsTheTab.Silo.Web.Jobs;

/// <summary>The body of <c>202 Accepted</c> for a new (or replayed) job.</summary>
public sealed record JobAcceptedResponse(Guid Id, string Status, JobLinks Links);
