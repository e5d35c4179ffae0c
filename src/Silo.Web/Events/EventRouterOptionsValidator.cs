using Microsoft.Extensions.Options;

namespace WhatsTheTab.Silo.Web.Events;

/// <summary>Checks the event router's intervals.</summary>
public sealed class EventRouterOptionsValidator : IValidateOptions<EventRouterOptions>
{
    public ValidateOptionsResult Validate(string? name, EventRouterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.DrainInterval <= TimeSpan.Zero)
        {
            errors.Add("Events:DrainInterval (Events__DrainInterval) must be positive, e.g. 00:00:05.");
        }

        if (options.DrainBatchSize is < 1 or > 10_000)
        {
            errors.Add("Events:DrainBatchSize (Events__DrainBatchSize) must be between 1 and 10000.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
