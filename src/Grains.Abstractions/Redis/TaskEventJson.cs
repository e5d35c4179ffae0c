using System.Text.Json;

namespace WhatsTheTab.Grains.Abstractions.Redis;

/// <summary>
/// Reads and writes the pub/sub payloads. Field names are the seed's snake_case (<c>task_id</c>, <c>worker_id</c>, …),
/// fixed by <c>[JsonPropertyName]</c> on each record so a policy change cannot rename the wire format.
/// </summary>
public static class TaskEventJson
{
    /// <summary>The options used for every event payload.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    /// <summary>Serializes an event payload.</summary>
    public static string Serialize<T>(T payload) => JsonSerializer.Serialize(payload, Options);

    /// <summary>Parses an event payload; throws <see cref="JsonException"/> when it is malformed or lacks a required field.</summary>
    public static T Deserialize<T>(string json)
        where T : class
        => JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"The payload is JSON null, not a {typeof(T).Name}.");
}
