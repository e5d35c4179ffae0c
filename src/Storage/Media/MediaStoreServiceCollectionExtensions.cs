using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace WhatsTheTab.Storage.Media;

/// <summary>Registers the <see cref="IMediaStore"/> a host uses: PostgreSQL in production, a folder in the embedded default.</summary>
public static class MediaStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="PostgresMediaStore"/> as the singleton <see cref="IMediaStore"/>. It uses the container's
    /// <see cref="NpgsqlDataSource"/>, which is added for <paramref name="connectionString"/> unless one is registered already.
    /// </summary>
    public static IServiceCollection AddPostgresMediaStore(this IServiceCollection services, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.TryAddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        services.AddSingleton<IMediaStore>(sp => new PostgresMediaStore(
            sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<ILogger<PostgresMediaStore>>()));
        return services;
    }

    /// <summary>Registers <see cref="FileSystemMediaStore"/> on <paramref name="rootDirectory"/> as the singleton <see cref="IMediaStore"/>.</summary>
    public static IServiceCollection AddFileSystemMediaStore(this IServiceCollection services, string rootDirectory)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(rootDirectory);
        services.AddSingleton<IMediaStore>(sp => new FileSystemMediaStore(rootDirectory, sp.GetRequiredService<ILogger<FileSystemMediaStore>>()));
        return services;
    }
}
