using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace WhatsTheTab.Silo.Web.Hosting;

/// <summary>Checks the embedded default's settings.</summary>
public sealed partial class EmbeddedOptionsValidator : IValidateOptions<EmbeddedOptions>
{
    public ValidateOptionsResult Validate(string? name, EmbeddedOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            errors.Add("Embedded:DataDirectory (Embedded__DataDirectory) must name a folder.");
        }

        if (options.GarnetPort is < 1 or > 65535)
        {
            errors.Add("Embedded:GarnetPort (Embedded__GarnetPort) must be between 1 and 65535.");
        }

        if (string.IsNullOrWhiteSpace(options.GarnetMemory) || !MemorySize().IsMatch(options.GarnetMemory))
        {
            errors.Add("Embedded:GarnetMemory (Embedded__GarnetMemory) must be a size such as 256m or 1g.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    [GeneratedRegex(@"^[0-9]+[kmgKMG]?\z", RegexOptions.CultureInvariant)]
    private static partial Regex MemorySize();
}
