using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace WhatsTheTab.Tablature.Export;

/// <summary>Names, file extensions and writers of the <see cref="TabFormat"/>s.</summary>
public static class TabFormats
{
    /// <summary>The canonical names, in enum order: text, musicxml, alphatex, midi, json.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Enum.GetValues<TabFormat>().Select(f => f.ToName())];

    public static string ToName(this TabFormat format) => format switch
    {
        TabFormat.Text => "text",
        TabFormat.MusicXml => "musicxml",
        TabFormat.AlphaTex => "alphatex",
        TabFormat.Midi => "midi",
        TabFormat.Json => "json",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown tab format."),
    };

    /// <summary>What a file of this format is named with after the base name: ".tab.txt", ".musicxml", ".alphatex", ".tab.mid", ".tab.json".</summary>
    public static string Extension(this TabFormat format) => format switch
    {
        TabFormat.Text => ".tab.txt",
        TabFormat.MusicXml => ".musicxml",
        TabFormat.AlphaTex => ".alphatex",
        TabFormat.Midi => ".tab.mid",
        TabFormat.Json => ".tab.json",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown tab format."),
    };

    /// <summary>Parses a name, case-insensitive; also "ascii", "txt", "xml", "atex", "mid".</summary>
    public static bool TryParse([NotNullWhen(true)] string? name, out TabFormat format)
    {
        switch (name?.Trim().ToUpperInvariant())
        {
            case "TEXT" or "ASCII" or "TXT":
                format = TabFormat.Text;
                return true;
            case "MUSICXML" or "XML":
                format = TabFormat.MusicXml;
                return true;
            case "ALPHATEX" or "ATEX":
                format = TabFormat.AlphaTex;
                return true;
            case "MIDI" or "MID":
                format = TabFormat.Midi;
                return true;
            case "JSON":
                format = TabFormat.Json;
                return true;
            default:
                format = default;
                return false;
        }
    }

    /// <summary>Writes <paramref name="score"/> in <paramref name="format"/> (text forms as UTF-8 without a byte-order mark).</summary>
    public static void Write(TabScore score, TabFormat format, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(score);
        ArgumentNullException.ThrowIfNull(destination);
        switch (format)
        {
            case TabFormat.MusicXml:
                MusicXmlWriter.Write(score, destination);
                return;
            case TabFormat.Midi:
                TabMidiWriter.Write(score, destination);
                return;
            case TabFormat.Json:
                TabJsonWriter.Write(score, destination);
                return;
            case TabFormat.Text or TabFormat.AlphaTex:
                using (var writer = new StreamWriter(destination, new UTF8Encoding(false), leaveOpen: true))
                {
                    if (format == TabFormat.Text)
                    {
                        AsciiTabWriter.Write(score, writer);
                    }
                    else
                    {
                        AlphaTexWriter.Write(score, writer);
                    }
                }

                return;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown tab format.");
        }
    }

    /// <summary>The bytes <see cref="Write"/> writes.</summary>
    public static byte[] ToBytes(TabScore score, TabFormat format)
    {
        using var buffer = new MemoryStream();
        Write(score, format, buffer);
        return buffer.ToArray();
    }
}
