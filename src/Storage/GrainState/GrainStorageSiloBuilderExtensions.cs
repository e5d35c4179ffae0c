using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Serialization;
using Orleans.Storage;

namespace WhatsTheTab.Storage.GrainState;

/// <summary>
/// Wires grain storage the way this project stores grain state: Orleans' ADO.NET provider on PostgreSQL with the
/// queries <see cref="Migrations.DatabaseMigrator"/> installs, and state serialized as plain System.Text.Json.
/// </summary>
/// <remarks>
/// Why System.Text.Json (Orleans' <see cref="SystemTextJsonGrainStorageSerializer"/>) and not the provider's default:
/// the default writes Newtonsoft JSON with <c>$type</c> carrying the CLR type and assembly name, so renaming or moving
/// a state type strands every stored row. Plain JSON names no types, tolerates added and removed members, and stays
/// readable in <c>psql</c> (<c>convert_from(payload, 'UTF8')::jsonb</c>), which the Orleans binary serializer would not.
/// Enums are written as their names (numbers are still accepted on read), so reordering an enum is safe; renaming a
/// member is not. State types must be JSON-friendly: public properties or fields, or a constructor System.Text.Json
/// can bind. The choice is made per storage name, so Orleans' own storages (a stream PubSubStore, say) keep theirs.
/// </remarks>
public static class GrainStorageSiloBuilderExtensions
{
    /// <summary>The ADO.NET invariant for PostgreSQL; Orleans loads <c>Npgsql.NpgsqlFactory</c> from the Npgsql assembly by this name.</summary>
    public const string PostgresInvariant = "Npgsql";

    /// <summary>The named <see cref="SystemTextJsonGrainStorageSerializerOptions"/> the project's grain state uses.</summary>
    public const string JsonOptionsName = "WhatsTheTab.GrainState";

    /// <summary>
    /// Makes System.Text.Json (enums as names) the serializer of grain storage <paramref name="storageName"/>, whichever
    /// provider it is: Orleans picks a serializer registered under the storage's name, so call this before or after
    /// adding, for example, Redis grain storage in the embedded default. Calling it again for the same name is harmless.
    /// </summary>
    public static ISiloBuilder UseJsonGrainStateSerializer(this ISiloBuilder builder, string storageName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(storageName);
        var services = builder.Services;
        if (!services.Any(d => d.ServiceType == typeof(JsonGrainStateSerializerMarker)))
        {
            services.AddSingleton<JsonGrainStateSerializerMarker>();
            services.Configure<SystemTextJsonGrainStorageSerializerOptions>(
                JsonOptionsName, o => o.JsonSerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        }

        if (!services.Any(d => d.ServiceType == typeof(IGrainStorageSerializer) && Equals(d.ServiceKey, storageName)))
        {
            services.AddKeyedSingleton<IGrainStorageSerializer>(storageName, (sp, _) => new SystemTextJsonGrainStorageSerializer(
                Options.Create(sp.GetRequiredService<IOptionsMonitor<SystemTextJsonGrainStorageSerializerOptions>>().Get(JsonOptionsName))));
        }

        return builder;
    }

    /// <summary>
    /// Adds grain storage <paramref name="name"/> backed by PostgreSQL at <paramref name="connectionString"/>, state as
    /// JSON (<see cref="UseJsonGrainStateSerializer"/>). Run <see cref="Migrations.DatabaseMigrator"/> first. With
    /// <paramref name="deleteStateOnClear"/> a cleared state deletes its row; otherwise the row stays with a NULL payload.
    /// </summary>
    public static ISiloBuilder AddPostgresGrainStorage(this ISiloBuilder builder, string name, string connectionString, bool deleteStateOnClear = false)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        builder.UseJsonGrainStateSerializer(name);
        return builder.AddAdoNetGrainStorage(name, (OptionsBuilder<AdoNetGrainStorageOptions> options) =>
            options.Configure<IServiceProvider>((o, services) =>
            {
                o.Invariant = PostgresInvariant;
                o.ConnectionString = connectionString;
                o.DeleteStateOnClear = deleteStateOnClear;
                o.GrainStorageSerializer = services.GetRequiredKeyedService<IGrainStorageSerializer>(name);
            }));
    }
}
