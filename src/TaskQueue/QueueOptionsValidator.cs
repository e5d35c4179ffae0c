using Microsoft.Extensions.Options;

namespace WhatsTheTab.TaskQueue;

/// <summary>Rejects <see cref="QueueOptions"/> that would make the queue lose or spin on tasks.</summary>
public sealed class QueueOptionsValidator : IValidateOptions<QueueOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, QueueOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        void Positive(TimeSpan value, string property)
        {
            if (value <= TimeSpan.Zero)
            {
                failures.Add($"{property} must be positive (was {value}).");
            }
        }

        if (options.KeyPrefix is null)
        {
            failures.Add("KeyPrefix must not be null (use an empty string for the seed's key names).");
        }

        Positive(options.LeaseDuration, nameof(QueueOptions.LeaseDuration));
        Positive(options.HeartbeatTtl, nameof(QueueOptions.HeartbeatTtl));
        Positive(options.HeartbeatInterval, nameof(QueueOptions.HeartbeatInterval));
        Positive(options.BackoffBase, nameof(QueueOptions.BackoffBase));
        Positive(options.BackoffMax, nameof(QueueOptions.BackoffMax));
        Positive(options.DeadLetterTtl, nameof(QueueOptions.DeadLetterTtl));
        Positive(options.ClaimPollInterval, nameof(QueueOptions.ClaimPollInterval));
        if (options.CompletedTtl < TimeSpan.Zero)
        {
            failures.Add($"CompletedTtl must be zero (keep forever) or positive (was {options.CompletedTtl}).");
        }

        if (options.HeartbeatInterval >= options.HeartbeatTtl)
        {
            failures.Add($"HeartbeatInterval ({options.HeartbeatInterval}) must be shorter than HeartbeatTtl ({options.HeartbeatTtl}), or live workers look dead.");
        }

        if (options.BackoffBase > options.BackoffMax)
        {
            failures.Add($"BackoffBase ({options.BackoffBase}) must not exceed BackoffMax ({options.BackoffMax}).");
        }

        if (options.MaxAttempts < 1)
        {
            failures.Add($"MaxAttempts must be at least 1 (was {options.MaxAttempts}).");
        }

        if (double.IsNaN(options.BackoffJitter) || options.BackoffJitter < 0 || options.BackoffJitter > 1)
        {
            failures.Add($"BackoffJitter must be between 0 and 1 (was {options.BackoffJitter}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
