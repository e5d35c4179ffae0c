using System.Text.Json.Serialization;

namespace WhatsTheTab.Silo.Web.Seed;

/// <summary>
/// <c>GET /transcribe/metrics/</c>: queue depths by Redis key name, live workers, jobs per status, and Redis's own
/// figures from INFO's clients, server and memory sections (only the fields the server reports; Garnet has fewer).
/// </summary>
public sealed record SeedMetricsResponse(
    [property: JsonPropertyName("queue")] IReadOnlyDictionary<string, long> Queue,
    [property: JsonPropertyName("queue_depth")] long QueueDepth,
    [property: JsonPropertyName("processing")] long Processing,
    [property: JsonPropertyName("delayed")] long Delayed,
    [property: JsonPropertyName("failed")] long Failed,
    [property: JsonPropertyName("results")] long Results,
    [property: JsonPropertyName("workers")] int Workers,
    [property: JsonPropertyName("jobs")] IReadOnlyDictionary<string, int> Jobs,
    [property: JsonPropertyName("redis")] IReadOnlyDictionary<string, object> Redis);
