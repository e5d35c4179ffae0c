using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace WhatsTheTab.Silo.Web.Tests;

/// <summary>An external Orleans client of a test silo's cluster (Redis clustering, the silo's cluster id), to drive job grains directly.</summary>
public sealed class OrleansTestClient : IAsyncDisposable
{
    private readonly IHost _host;

    private OrleansTestClient(IHost host)
    {
        _host = host;
        Grains = host.Services.GetRequiredService<IClusterClient>();
    }

    public IClusterClient Grains { get; }

    public static async Task<OrleansTestClient> ConnectAsync(string redisConnectionString, string clusterId)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client =>
        {
            client.UseRedisClustering(redisConnectionString);
            client.Configure<ClusterOptions>(o =>
            {
                o.ServiceId = "whatsthetab";
                o.ClusterId = clusterId;
            });
        });
        var host = builder.Build();
        await host.StartAsync();
        return new OrleansTestClient(host);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _host.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // the silo is gone; nothing to say goodbye to
        }

        _host.Dispose();
    }
}
