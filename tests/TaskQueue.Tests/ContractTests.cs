using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WhatsTheTab.Grains.Abstractions.Redis;

namespace WhatsTheTab.TaskQueue.Tests;

/// <summary>Event JSON and option validation, without a server.</summary>
public sealed class ContractTests
{
    [Fact]
    public void EventJson_UsesTheSeedsSnakeCaseFieldNames()
    {
        var json = TaskEventJson.Serialize(new TaskFailedEvent("7", "gpu-1", "boom", Permanent: true, Attempts: 3, FailedAtUnixMs: 1000, RetryAtUnixMs: null));

        Assert.Equal("{\"task_id\":\"7\",\"worker_id\":\"gpu-1\",\"error\":\"boom\",\"permanent\":true,\"attempts\":3,\"failed_at\":1000,\"retry_at\":null}", json);
        Assert.Equal(new TaskFailedEvent("7", "gpu-1", "boom", true, 3, 1000, null), TaskEventJson.Deserialize<TaskFailedEvent>(json));
        Assert.Equal(
            "{\"task_id\":\"7\",\"worker_id\":\"w\",\"chunk\":2,\"total\":9,\"reported_at\":5}",
            TaskEventJson.Serialize(new TaskProgressEvent("7", "w", 2, 9, 5)));
    }

    [Fact]
    public void Options_Defaults_AreValidAndMatchTheDesign()
    {
        var options = new QueueOptions();

        Assert.True(new QueueOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(
            (TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10), 3, TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(5), TimeSpan.FromHours(24)),
            (options.LeaseDuration, options.HeartbeatTtl, options.HeartbeatInterval, options.MaxAttempts, options.BackoffBase, options.BackoffMax, options.DeadLetterTtl));
    }

    [Fact]
    public void Options_Invalid_AreRejectedWithEveryReason()
    {
        var options = new QueueOptions
        {
            LeaseDuration = TimeSpan.Zero,
            HeartbeatInterval = TimeSpan.FromSeconds(30),
            MaxAttempts = 0,
            BackoffBase = TimeSpan.FromMinutes(10),
            BackoffJitter = 1.5,
        };

        var result = new QueueOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal(5, result.Failures!.Count());
        using var unreachable = StackExchange.Redis.ConnectionMultiplexer.Connect("127.0.0.1:1,abortConnect=false,connectTimeout=1");
        Assert.Throws<OptionsValidationException>(() => new RedisTaskQueueClient(
            unreachable,
            Options.Create(options),
            NullLogger<RedisTaskQueueClient>.Instance));
    }
}
