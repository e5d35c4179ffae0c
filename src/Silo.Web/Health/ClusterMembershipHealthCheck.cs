using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace WhatsTheTab.Silo.Web.Health;

/// <summary>
/// Ready when this web silo is an active member of the cluster (it joined through the membership table in Redis),
/// so the job grains it hosts can be activated; reports how many silos are active.
/// </summary>
public sealed class ClusterMembershipHealthCheck : IHealthCheck
{
    private readonly IClusterMembershipService _membership;
    private readonly ILocalSiloDetails _localSilo;

    public ClusterMembershipHealthCheck(IClusterMembershipService membership, ILocalSiloDetails localSilo)
    {
        _membership = membership;
        _localSilo = localSilo;
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var snapshot = _membership.CurrentSnapshot;
        var active = snapshot.Members.Values.Count(m => m.Status == SiloStatus.Active);
        var local = snapshot.GetSiloStatus(_localSilo.SiloAddress);
        var data = new Dictionary<string, object> { ["activeSilos"] = active, ["version"] = snapshot.Version.Value };
        return Task.FromResult(local == SiloStatus.Active
            ? HealthCheckResult.Healthy($"this web silo is active; {active} active silo(s)", data)
            : HealthCheckResult.Unhealthy($"this web silo is {local}, not active", data: data));
    }
}
