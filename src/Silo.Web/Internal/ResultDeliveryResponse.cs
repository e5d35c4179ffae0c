using System.Text.Json.Serialization;

namespace WhatsTheTab.Silo.Web.Internal;

/// <summary>The answer to a worker's result upload: whether it completed the job, the job's status, and why not.</summary>
public sealed record ResultDeliveryResponse(
    [property: JsonPropertyName("applied")] bool Applied,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("reason")] string? Reason);
