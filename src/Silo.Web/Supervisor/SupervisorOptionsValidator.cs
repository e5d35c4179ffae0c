using Microsoft.Extensions.Options;

namespace WhatsTheTab.Silo.Web.Supervisor;

/// <summary>Checks the supervisor's interval.</summary>
public sealed class SupervisorOptionsValidator : IValidateOptions<SupervisorOptions>
{
    public ValidateOptionsResult Validate(string? name, SupervisorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Interval > TimeSpan.Zero
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Supervisor:Interval (Supervisor__Interval) must be positive, e.g. 00:00:02.");
    }
}
