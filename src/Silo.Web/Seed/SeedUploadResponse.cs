using System.Text.Json.Serialization;

namespace WhatsTheTab.Silo.Web.Seed;

/// <summary><c>POST /transcribe/upload/</c>'s answer, as the seed gave it.</summary>
public sealed record SeedUploadResponse([property: JsonPropertyName("audio_midi_id")] Guid AudioMidiId);
