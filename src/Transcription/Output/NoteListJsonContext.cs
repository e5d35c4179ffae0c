using System.Text.Json.Serialization;

namespace WhatsTheTab.Transcription.Output;

/// <summary>Source-generated System.Text.Json metadata for notes.json (camelCase, nulls written).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(NoteListDocument))]
internal sealed partial class NoteListJsonContext : JsonSerializerContext;
