using System.Text.Json;

namespace WhatsTheTab.Transcription.Model;

/// <summary>One operation of a TensorFlow.js graph model: its name, op type, inputs and attributes.</summary>
internal sealed record GraphNode(string Name, string Op, IReadOnlyList<string> Inputs, IReadOnlyDictionary<string, JsonElement> Attributes)
{
    public long Int(string attribute, long fallback = 0) =>
        Attributes.TryGetValue(attribute, out var value) && value.TryGetProperty("i", out var i)
            ? long.Parse(i.GetString() ?? "0", System.Globalization.CultureInfo.InvariantCulture)
            : fallback;

    public bool Bool(string attribute, bool fallback = false) =>
        Attributes.TryGetValue(attribute, out var value) && value.TryGetProperty("b", out var b) ? b.GetBoolean() : fallback;

    public string String(string attribute, string fallback = "") =>
        Attributes.TryGetValue(attribute, out var value) && value.TryGetProperty("s", out var s)
            ? System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(s.GetString() ?? string.Empty))
            : fallback;

    public long[] Ints(string attribute)
    {
        if (!Attributes.TryGetValue(attribute, out var value)
            || !value.TryGetProperty("list", out var list)
            || !list.TryGetProperty("i", out var items))
        {
            return [];
        }

        return [.. items.EnumerateArray().Select(e => long.Parse(e.GetString() ?? "0", System.Globalization.CultureInfo.InvariantCulture))];
    }

    public string[] Strings(string attribute)
    {
        if (!Attributes.TryGetValue(attribute, out var value)
            || !value.TryGetProperty("list", out var list)
            || !list.TryGetProperty("s", out var items))
        {
            return [];
        }

        return [.. items.EnumerateArray().Select(e => System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(e.GetString() ?? string.Empty)))];
    }
}
