using Microsoft.Extensions.Options;

namespace WhatsTheTab.Silo.Web.Hosting;

/// <summary>Checks the worker token once it is resolved (configured, or the embedded default's file).</summary>
public sealed class WorkerTokenOptionsValidator : IValidateOptions<WorkerTokenOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkerTokenOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Token))
        {
            return ValidateOptionsResult.Fail(
                "Worker:Token (Worker__Token) is required when Redis is configured: GPU workers present it on the internal endpoints. Give web and GPU silos the same value.");
        }

        return options.Token.Trim().Length < WorkerTokenOptions.MinimumLength
            ? ValidateOptionsResult.Fail($"Worker:Token (Worker__Token) must be at least {WorkerTokenOptions.MinimumLength} characters.")
            : ValidateOptionsResult.Success;
    }
}
