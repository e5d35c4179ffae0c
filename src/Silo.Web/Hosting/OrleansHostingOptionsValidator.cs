using System.Net;
using Microsoft.Extensions.Options;

namespace WhatsTheTab.Silo.Web.Hosting;

/// <summary>Checks the cluster id, ports and advertised address.</summary>
public sealed class OrleansHostingOptionsValidator : IValidateOptions<OrleansHostingOptions>
{
    public ValidateOptionsResult Validate(string? name, OrleansHostingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ClusterId))
        {
            errors.Add("Orleans:ClusterId (Orleans__ClusterId) must not be empty.");
        }

        if (options.SiloPort is < 1 or > 65535)
        {
            errors.Add("Orleans:SiloPort (Orleans__SiloPort) must be between 1 and 65535.");
        }

        if (options.GatewayPort is < 1 or > 65535)
        {
            errors.Add("Orleans:GatewayPort (Orleans__GatewayPort) must be between 1 and 65535.");
        }

        if (options.SiloPort == options.GatewayPort)
        {
            errors.Add("Orleans:SiloPort and Orleans:GatewayPort must differ.");
        }

        if (!string.IsNullOrWhiteSpace(options.AdvertisedIP) && !IPAddress.TryParse(options.AdvertisedIP, out _))
        {
            errors.Add("Orleans:AdvertisedIP (Orleans__AdvertisedIP) must be an IP address.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
