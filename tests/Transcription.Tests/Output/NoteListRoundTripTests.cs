using System.Text;
using System.Text.Json;
using WhatsTheTab.Transcription.Notes;
using WhatsTheTab.Transcription.Output;

namespace WhatsTheTab.Transcription.Tests.Output;

public sealed class NoteListRoundTripTests
{
    private static readonly NoteEvent[] Notes =
    [
        new(0.11609977324263039, 0.4643990929705215, 60, 0.63, [0, 1, -2, 25]),
        new(1.0 / 3, 2.5, 108, 1.0),
        new(0, 1e-3, 21, 0.0049, [7]),
    ];

    [Fact]
    public void Json_RoundTripsExactly()
    {
        using var stream = new MemoryStream();
        NoteListWriter.WriteJson(stream, Notes);
        stream.Position = 0;

        AssertSame(Notes, NoteListReader.ReadJson(stream));
    }

    [Fact]
    public void Json_HasTheDocumentedShape()
    {
        using var writer = new StringWriter();
        NoteListWriter.WriteJson(writer, Notes, indented: true);
        using JsonDocument document = JsonDocument.Parse(writer.ToString());
        JsonElement root = document.RootElement;

        Assert.Equal(1, root.GetProperty("version").GetInt32());
        Assert.Equal(22050, root.GetProperty("sampleRate").GetInt32());
        Assert.Equal(3, root.GetProperty("noteCount").GetInt32());
        JsonElement first = root.GetProperty("notes")[0];
        Assert.Equal("C4", first.GetProperty("name").GetString());
        Assert.Equal(80, first.GetProperty("velocity").GetInt32());
        Assert.Equal(JsonValueKind.Array, first.GetProperty("pitchBends").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("notes")[1].GetProperty("pitchBends").ValueKind);
        Assert.Equal("C8", root.GetProperty("notes")[1].GetProperty("name").GetString());
        Assert.Equal("A0", root.GetProperty("notes")[2].GetProperty("name").GetString());
    }

    [Fact]
    public void Json_HandWrittenWithVelocityOnly_IsAccepted()
    {
        byte[] json = Encoding.UTF8.GetBytes("""{"version":1,"notes":[{"start":1,"end":2,"pitch":64,"velocity":127}]}""");

        NoteEvent note = Assert.Single(NoteListReader.ReadJson(new MemoryStream(json)));

        Assert.Equal((1.0, 2.0, 64, 1.0, 127), (note.StartSeconds, note.EndSeconds, note.Pitch, note.Amplitude, note.Velocity));
    }

    [Theory]
    [InlineData("""{"version":2,"notes":[]}""")]
    [InlineData("""{"version":1}""")]
    [InlineData("""{"version":1,"notes":[{"start":1,"end":2,"pitch":200,"amplitude":0.5}]}""")]
    [InlineData("""{"version":1,"notes":[{"start":1,"end":2,"pitch":60}]}""")]
    [InlineData("not json")]
    public void Json_NotANoteList_IsRejected(string json)
    {
        Assert.Throws<InvalidDataException>(() => NoteListReader.ReadJson(new MemoryStream(Encoding.UTF8.GetBytes(json))));
    }

    [Fact]
    public void Csv_RoundTripsExactly()
    {
        using var stream = new MemoryStream();
        NoteListWriter.WriteCsv(stream, Notes);
        stream.Position = 0;

        AssertSame(Notes, NoteListReader.ReadCsv(stream));
    }

    [Fact]
    public void Csv_HasAHeaderAndSpaceSeparatedBends()
    {
        using var writer = new StringWriter();
        NoteListWriter.WriteCsv(writer, Notes);
        string[] lines = writer.ToString().Split('\n');

        Assert.Equal("start_s,end_s,pitch,velocity,amplitude,pitch_bends", lines[0]);
        Assert.Equal("0.11609977324263039,0.4643990929705215,60,80,0.63,0 1 -2 25", lines[1]);
        Assert.EndsWith(",108,127,1,", lines[2], StringComparison.Ordinal);
        Assert.Equal(5, lines.Length);
        Assert.Equal(string.Empty, lines[4]);
    }

    private static void AssertSame(IReadOnlyList<NoteEvent> expected, IReadOnlyList<NoteEvent> actual)
    {
        static string Bends(IReadOnlyList<int>? bends) => bends is null ? "null" : string.Join(' ', bends);

        Assert.Equal(
            expected.Select(n => (n.StartSeconds, n.EndSeconds, n.Pitch, n.Amplitude, Bends(n.PitchBends))),
            actual.Select(n => (n.StartSeconds, n.EndSeconds, n.Pitch, n.Amplitude, Bends(n.PitchBends))));
    }
}
