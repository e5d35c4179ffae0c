using System.Net;
using Microsoft.Extensions.Options;

namespace WhatsTheTab.Silo.Gpu.Configuration;

/// <summary>Checks the silo's ports and advertised address.</summary>
public sealed class SiloEndpointOptionsValidator : IValidateOptions<SiloEndpointOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SiloEndpointOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ClusterId))
        {
            failures.Add("Orleans:ClusterId must not be empty (env Orleans__ClusterId).");
        }

        if (options.SiloPort is < 1 or > 65535)
        {
            failures.Add($"Orleans:SiloPort must be a TCP port, 1 to 65535 (was {options.SiloPort}).");
        }

        if (options.GatewayPort is < 1 or > 65535)
        {
            failures.Add($"Orleans:GatewayPort must be a TCP port, 1 to 65535 (was {options.GatewayPort}).");
        }

        if (options.SiloPort == options.GatewayPort)
        {
            failures.Add($"Orleans:SiloPort and Orleans:GatewayPort must differ (both {options.SiloPort}).");
        }

        if (!string.IsNullOrWhiteSpace(options.AdvertisedIP) && !IPAddress.TryParse(options.AdvertisedIP, out _))
        {
            failures.Add($"Orleans:AdvertisedIP must be an IP address (was '{options.AdvertisedIP}').");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
