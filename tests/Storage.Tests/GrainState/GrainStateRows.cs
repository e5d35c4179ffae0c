using System.Text.Json;
using Npgsql;

namespace WhatsTheTab.Storage.Tests.GrainState;

/// <summary>Looks at and tampers with <c>grain_state</c> rows directly, as another writer or an operator would.</summary>
internal static class GrainStateRows
{
    public static async Task<long> CountAsync(string connectionString, string serviceId, string stateName)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM grain_state WHERE service_id = @s AND grain_type = @t");
        command.Parameters.AddWithValue("s", serviceId);
        command.Parameters.AddWithValue("t", stateName);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The payload of the only row for the state name, parsed as JSON (null when the payload is NULL).</summary>
    public static async Task<JsonDocument?> PayloadAsync(string connectionString, string serviceId, string stateName, Guid key)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand(
            "SELECT payload FROM grain_state WHERE service_id = @s AND grain_type = @t AND grain_id_n0 = @n0 AND grain_id_n1 = @n1");
        var (n0, n1) = Halves(key);
        command.Parameters.AddWithValue("s", serviceId);
        command.Parameters.AddWithValue("t", stateName);
        command.Parameters.AddWithValue("n0", n0);
        command.Parameters.AddWithValue("n1", n1);
        var payload = await command.ExecuteScalarAsync();
        return payload is byte[] bytes ? JsonDocument.Parse(bytes) : null;
    }

    /// <summary>Moves every row of the state name one version ahead, as a write by another activation would.</summary>
    public static async Task BumpVersionsAsync(string connectionString, string serviceId, string stateName)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("UPDATE grain_state SET version = version + 1 WHERE service_id = @s AND grain_type = @t");
        command.Parameters.AddWithValue("s", serviceId);
        command.Parameters.AddWithValue("t", stateName);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>How the provider splits a GUID key into N0/N1 (first and second 8 bytes, little-endian).</summary>
    private static (long N0, long N1) Halves(Guid key)
    {
        Span<byte> bytes = stackalloc byte[16];
        key.TryWriteBytes(bytes);
        return (BitConverter.ToInt64(bytes[..8]), BitConverter.ToInt64(bytes[8..]));
    }
}
