using WhatsTheTab.Grains.Abstractions.Jobs;

namespace WhatsTheTab.Silo.Web.Jobs;

/// <summary>One job in <c>GET /api/jobs</c>.</summary>
public sealed record JobListItem(Guid Id, string Status, string FileName, DateTimeOffset CreatedAt, JobLinks Links)
{
    public static JobListItem From(JobListEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new JobListItem(entry.Id, entry.Status.ToWire(), entry.FileName, entry.CreatedAt, JobLinks.For(entry.Id));
    }
}
