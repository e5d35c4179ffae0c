using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace WhatsTheTab.TaskQueue;

/// <summary>Registers the reliable Redis task queue. The host registers the <c>IConnectionMultiplexer</c>.</summary>
public static class TaskQueueServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ITaskQueueClient"/> (a singleton <see cref="RedisTaskQueueClient"/>) with validated <see cref="QueueOptions"/>
    /// (checked at start-up); bind configuration with the returned builder, e.g. <c>.BindConfiguration("Queue")</c>.
    /// </summary>
    public static OptionsBuilder<QueueOptions> AddRedisTaskQueue(this IServiceCollection services, Action<QueueOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<QueueOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        builder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<QueueOptions>, QueueOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RedisTaskQueueClient>();
        services.TryAddSingleton<ITaskQueueClient>(sp => sp.GetRequiredService<RedisTaskQueueClient>());
        return builder;
    }
}
