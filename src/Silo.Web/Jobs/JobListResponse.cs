namespace WhatsTheTab.Silo.Web.Jobs;

/// <summary>A page of <c>GET /api/jobs</c>, newest first; <see cref="Total"/> counts every job that matched the filter.</summary>
public sealed record JobListResponse(IReadOnlyList<JobListItem> Items, int Total, int Offset, int Limit, string? Status);
