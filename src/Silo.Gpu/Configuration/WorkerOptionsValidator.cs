using Microsoft.Extensions.Options;

namespace WhatsTheTab.Silo.Gpu.Configuration;

/// <summary>Rejects <see cref="WorkerOptions"/> the worker cannot run with, naming the setting and its environment variable.</summary>
public sealed class WorkerOptionsValidator : IValidateOptions<WorkerOptions>
{
    /// <summary>The accepted values of <see cref="WorkerOptions.Device"/>.</summary>
    public static readonly IReadOnlyList<string> Devices = ["auto", "cpu", "cuda"];

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, WorkerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.WebBaseAddress))
        {
            failures.Add("Worker:WebBaseAddress is required (env Worker__WebBaseAddress): the web tier's base URL, e.g. http://127.0.0.1:8008.");
        }
        else if (!Uri.TryCreate(options.WebBaseAddress, UriKind.Absolute, out var web) || (web.Scheme != Uri.UriSchemeHttp && web.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"Worker:WebBaseAddress must be an absolute http or https URL (was '{options.WebBaseAddress}').");
        }
        else if (!string.IsNullOrEmpty(web.Query) || !string.IsNullOrEmpty(web.Fragment) || !string.IsNullOrEmpty(web.UserInfo))
        {
            failures.Add("Worker:WebBaseAddress must not carry a query, fragment or user info.");
        }

        if (string.IsNullOrEmpty(options.Token))
        {
            failures.Add("Worker:Token is required (env Worker__Token): the shared secret the web tier's internal endpoints check.");
        }
        else if (options.Token.Length < WorkerOptions.MinimumTokenLength)
        {
            // Never echo the token itself.
            failures.Add($"Worker:Token must be at least {WorkerOptions.MinimumTokenLength} characters (was {options.Token.Length}).");
        }

        if (options.WorkerId is { } id && (id.Length > 200 || id.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))))
        {
            failures.Add("Worker:WorkerId must be at most 200 characters without spaces or control characters.");
        }

        if (options.Concurrency is < 1 or > 64)
        {
            failures.Add($"Worker:Concurrency must be between 1 and 64 (was {options.Concurrency}).");
        }

        if (!Devices.Contains(options.Device?.Trim().ToLowerInvariant()))
        {
            failures.Add($"Worker:Device must be one of: {string.Join(", ", Devices)} (was '{options.Device}').");
        }

        if (options.BatchSize is < 1 or > 1024)
        {
            failures.Add($"Worker:BatchSize must be between 1 and 1024 windows (was {options.BatchSize}).");
        }

        if (!Enum.IsDefined(options.EnginePriority))
        {
            failures.Add($"Worker:EnginePriority must be idle or normal (was {options.EnginePriority}).");
        }

        if (options.Threads is < 1 or > 256)
        {
            failures.Add($"Worker:Threads must be between 1 and 256 (was {options.Threads}).");
        }

        if (options.ShutdownGrace is { } grace && grace < TimeSpan.Zero)
        {
            failures.Add($"Worker:ShutdownGrace must not be negative (was {grace}).");
        }

        if (options.ClaimTimeout <= TimeSpan.Zero)
        {
            failures.Add($"Worker:ClaimTimeout must be positive (was {options.ClaimTimeout}).");
        }

        if (options.MaxAudioBytes < 1)
        {
            failures.Add($"Worker:MaxAudioBytes must be positive (was {options.MaxAudioBytes}).");
        }

        if (options.DownloadTimeout <= TimeSpan.Zero)
        {
            failures.Add($"Worker:DownloadTimeout must be positive (was {options.DownloadTimeout}).");
        }

        if (options.UploadTimeout <= TimeSpan.Zero)
        {
            failures.Add($"Worker:UploadTimeout must be positive (was {options.UploadTimeout}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
