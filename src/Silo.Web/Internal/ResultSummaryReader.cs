using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using WhatsTheTab.Grains.Abstractions.Jobs;

namespace WhatsTheTab.Silo.Web.Internal;

/// <summary>
/// Reads the <c>summary</c> field of a result upload: a JSON <see cref="JobResultSummary"/>. Member names are matched
/// ignoring case and underscores, so <c>noteCount</c>, <c>NoteCount</c> and <c>note_count</c> all work (workers in C#
/// and seed-style workers in other languages alike).
/// </summary>
public static class ResultSummaryReader
{
    /// <summary>The longest summary accepted, in characters.</summary>
    public const int MaxLength = 16 * 1024;

    /// <summary>Parses <paramref name="json"/>; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryRead(string json, [NotNullWhen(true)] out JobResultSummary? summary, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(json);
        summary = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            error = "The summary field is not valid JSON.";
            return false;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                error = "The summary field must be a JSON object.";
                return false;
            }

            var members = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                members[Normalize(property.Name)] = property.Value;
            }

            if (!TryInt(members, "notecount", out var noteCount) || noteCount is null or < 0)
            {
                error = "The summary needs note_count, a number of notes (0 or more).";
                return false;
            }

            if (!TryInt(members, "lowestpitch", out var lowest) || !TryInt(members, "highestpitch", out var highest)
                || lowest is < 0 or > 127 || highest is < 0 or > 127)
            {
                error = "lowest_pitch and highest_pitch must be MIDI note numbers (0-127) or null.";
                return false;
            }

            if (!TryDouble(members, "audioseconds", out var audioSeconds) || !TryDouble(members, "processingseconds", out var processingSeconds)
                || audioSeconds < 0 || processingSeconds < 0)
            {
                error = "audio_seconds and processing_seconds must be non-negative numbers.";
                return false;
            }

            summary = new JobResultSummary(noteCount.Value, lowest, highest, audioSeconds, processingSeconds);
            error = null;
            return true;
        }
    }

    private static string Normalize(string name) =>
        name.Replace("_", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);

    private static bool TryInt(Dictionary<string, JsonElement> members, string name, out int? value)
    {
        value = null;
        if (!members.TryGetValue(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var number))
        {
            value = number;
            return true;
        }

        return false;
    }

    private static bool TryDouble(Dictionary<string, JsonElement> members, string name, out double value)
    {
        value = 0;
        if (!members.TryGetValue(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out value) && double.IsFinite(value))
        {
            return true;
        }

        return false;
    }
}
