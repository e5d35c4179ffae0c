using WhatsTheTab.Tablature.Tests.Pieces;
using WhatsTheTab.Transcription.Notes;

namespace WhatsTheTab.Tablature.Tests;

/// <summary>Small helpers the tab tests share.</summary>
internal static class TabTesting
{
    /// <summary>Options with the tempo given, so fingering tests do not depend on tempo estimation.</summary>
    public static TabOptions Options(TabOptions? options = null) => (options ?? new TabOptions()) with { TempoBpm = (options ?? new TabOptions()).TempoBpm ?? 100 };

    public static TabScore Build(BeatNotes notes, TabOptions? options = null) => TablatureBuilder.Build(notes.At(100), Options(options));

    public static TabScore Build(IReadOnlyList<NoteEvent> notes, TabOptions? options = null) => TablatureBuilder.Build(notes, Options(options));

    /// <summary>(string, fret) of every placed note in input order.</summary>
    public static (int String, int Fret)[] Positions(TabScore score) =>
        [.. score.Notes.OrderBy(n => n.SourceIndex).Select(n => (n.StringNumber, n.Fret))];

    /// <summary>A chord as players write it, lowest string first: "x32010".</summary>
    public static string Shape(TabScore score, TabEvent tabEvent)
    {
        var frets = new char[score.Instrument.StringCount];
        Array.Fill(frets, 'x');
        foreach (PlacedNote note in tabEvent.Notes)
        {
            frets[score.Instrument.StringCount - note.StringNumber] = note.Fret < 10 ? (char)('0' + note.Fret) : '+';
        }

        return new string(frets);
    }
}
