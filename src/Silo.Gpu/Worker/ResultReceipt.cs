using System.Text.Json.Serialization;

namespace WhatsTheTab.Silo.Gpu.Worker;

/// <summary>The web tier's answer to a result upload: whether it changed the job (the first result of the owner wins).</summary>
public sealed record ResultReceipt(
    [property: JsonPropertyName("applied")] bool Applied,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("reason")] string? Reason);
