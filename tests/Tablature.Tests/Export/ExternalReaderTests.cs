using System.Text.Json;
using WhatsTheTab.Tablature.Export;
using WhatsTheTab.Tablature.Rhythm;
using WhatsTheTab.Tablature.Tests.Pieces;
using WhatsTheTab.TestSupport;
using WhatsTheTab.TestSupport.MusicXml;
using Xunit.Abstractions;

namespace WhatsTheTab.Tablature.Tests.Export;

/// <summary>
/// The written files read by programs that are not ours: the MusicXML schema (3.1 XSD plus the 4.0 checks of
/// <see cref="MusicXmlSchema"/>) and alphaTab 1.8 rendering MusicXML and alphaTex in headless Chromium.
/// </summary>
public sealed class ExternalReaderTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("wtt-tab-readers-").FullName;

    public static TheoryData<string> PieceNames() => [.. HandMovementPieces.All.Select(p => p.Name)];

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [MemberData(nameof(PieceNames))]
    public void MusicXml_OfEveryPiece_IsValidAgainstTheSchema(string name)
    {
        TabPiece piece = HandMovementPieces.All.Single(p => p.Name == name);
        TabScore score = TablatureBuilder.Build(piece.Notes, piece.Options with { Title = name });
        using var xml = new MemoryStream(TabFormats.ToBytes(score, TabFormat.MusicXml));

        IReadOnlyList<string> errors = MusicXmlSchema.Validate(xml);

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    [Fact]
    public void MusicXml_WithTripletsTiesCapoAndThreeFour_IsValidToo()
    {
        var notes = new BeatNotes()
            .Run(1.0 / 3, 64, 65, 67).Play(2.5, 69).Run(1.0 / 3, 67, 65, 64).Play(0.5, 62)
            .Play(4, 48, 52, 55).Run(0.75, 60, 62).Play(1.5, 64);
        TabScore score = TabTesting.Build(notes, new TabOptions { TimeSignature = new TimeSignature(3, 4), Capo = 1, Tuning = "drop-d" });
        using var xml = new MemoryStream(TabFormats.ToBytes(score, TabFormat.MusicXml));

        IReadOnlyList<string> errors = MusicXmlSchema.Validate(xml);

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    [Fact]
    public void AlphaTab_LoadsAndRendersTheMusicXmlAndAlphaTex_WithTheTuningAndEveryNote()
    {
        string[] names = ["chord-melody", "walking-bass", "a-minor-pentatonic-box"];
        var expected = new Dictionary<string, TabScore>(StringComparer.Ordinal);
        var files = new List<string>();
        foreach (string name in names)
        {
            TabPiece piece = HandMovementPieces.All.Single(p => p.Name == name);
            TabScore score = TablatureBuilder.Build(piece.Notes, piece.Options with { Title = name });
            foreach (TabFormat format in (TabFormat[])[TabFormat.MusicXml, TabFormat.AlphaTex])
            {
                string path = Path.Combine(_folder, name + format.Extension());
                File.WriteAllBytes(path, TabFormats.ToBytes(score, format));
                files.Add(path);
                expected[path] = score;
            }
        }

        (string stdout, string stderr) = ExternalProcess.Run(
            "node", [Path.Combine(RepoPaths.Root, "tests", "Browser", "alphatab-check.mjs"), .. files], TimeSpan.FromMinutes(4));
        output.WriteLine(stdout);
        output.WriteLine(stderr);

        var reports = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.Clone())
            .ToDictionary(r => Path.GetFullPath(r.GetProperty("file").GetString()!), StringComparer.Ordinal);
        foreach (string path in files)
        {
            TabScore score = expected[path];
            JsonElement report = reports[Path.GetFullPath(path)];
            Assert.True(report.GetProperty("ok").GetBoolean(), $"{Path.GetFileName(path)}: {report}");
            Assert.Equal(score.Measures.Count, report.GetProperty("bars").GetInt32());
            Assert.Equal(score.NotatedTempoBpm, report.GetProperty("tempo").GetInt32());
            int[] tuning = [.. Enumerable.Range(1, score.Instrument.StringCount).Select(s => score.Instrument.OpenPitch(s))];
            Assert.Equal(tuning, report.GetProperty("tuning").EnumerateArray().Select(t => t.GetInt32()));
            Assert.Contains(report.GetProperty("staves").EnumerateArray(), s => s.GetString()!.Contains("tab", StringComparison.Ordinal));

            // Every placed note is there, once per staff (MusicXML: standard + TAB staff; alphaTex: one staff shown both ways).
            int staffCopies = path.EndsWith(".musicxml", StringComparison.Ordinal) ? 2 : 1;
            Assert.Equal(score.Notes.Count * staffCopies + TiedContinuations(score) * staffCopies, report.GetProperty("notes").GetInt32());
        }
    }

    /// <summary>Notes written as more than one tied note value (across a bar line or a beat), counted as extra notes by alphaTab.</summary>
    private static int TiedContinuations(TabScore score) =>
        NotationLayout.Build(score).SelectMany(m => m.Beats).SelectMany(b => b.Notes).Count(n => n.TieStop);
}
