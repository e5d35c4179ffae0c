using WhatsTheTab.Tablature.Instruments;

namespace WhatsTheTab.Tablature.Tests.Instruments;

public sealed class TuningTests
{
    [Theory]
    [InlineData(InstrumentKind.Guitar, "standard", "E2 A2 D3 G3 B3 E4")]
    [InlineData(InstrumentKind.Guitar, "drop-d", "D2 A2 D3 G3 B3 E4")]
    [InlineData(InstrumentKind.Guitar, "DADGAD", "D2 A2 D3 G3 A3 D4")]
    [InlineData(InstrumentKind.Guitar, "open g", "D2 G2 D3 G3 B3 D4")]
    [InlineData(InstrumentKind.Guitar, "Half_Step_Down", "D#2 G#2 C#3 F#3 A#3 D#4")]
    [InlineData(InstrumentKind.SevenStringGuitar, "standard", "B1 E2 A2 D3 G3 B3 E4")]
    [InlineData(InstrumentKind.Bass, "standard", "E1 A1 D2 G2")]
    [InlineData(InstrumentKind.FiveStringBass, "standard", "B0 E1 A1 D2 G2")]
    public void NamedTunings_HaveTheirNotesLowStringFirst(InstrumentKind kind, string name, string notes)
    {
        Assert.Equal(notes, Tuning.Parse(name, kind).Notes);
    }

    [Theory]
    [InlineData("D2 A2 D3 G3 B3 E4", "D2 A2 D3 G3 B3 E4")]
    [InlineData("DADGBE", "D2 A2 D3 G3 B3 E4")]
    [InlineData("D,A,D,G,B,E", "D2 A2 D3 G3 B3 E4")]
    [InlineData("DGDGBD", "D2 G2 D3 G3 B3 D4")]
    [InlineData("EbAbDbGbBbEb", "D#2 G#2 C#3 F#3 A#3 D#4")]
    [InlineData("cgcfad", "C2 G2 C3 F3 A3 D4")]
    [InlineData("C#2 F#2 B2 E3 G#3 C#4", "C#2 F#2 B2 E3 G#3 C#4")]
    [InlineData("E2 A2 D3 G3 B3 E5", "E2 A2 D3 G3 B3 E5")]
    public void CustomTunings_AreReadWithOctavesOrInferred(string text, string notes)
    {
        Tuning tuning = Tuning.Parse(text, InstrumentKind.Guitar);

        Assert.Equal(notes, tuning.Notes);
        Assert.Equal("custom", tuning.Name);
    }

    [Theory]
    [InlineData(InstrumentKind.Bass, "EADG", "E1 A1 D2 G2")]
    [InlineData(InstrumentKind.Bass, "DADG", "D1 A1 D2 G2")]
    [InlineData(InstrumentKind.FiveStringBass, "BEADG", "B0 E1 A1 D2 G2")]
    [InlineData(InstrumentKind.SevenStringGuitar, "AEADGBE", "A1 E2 A2 D3 G3 B3 E4")]
    public void LetterTunings_TakeTheOctaveOfTheInstrumentsLowString(InstrumentKind kind, string text, string notes)
    {
        Assert.Equal(notes, Tuning.Parse(text, kind).Notes);
    }

    [Fact]
    public void UnknownName_IsRefusedWithTheNamesAndAnExample()
    {
        Assert.False(Tuning.TryParse("nashville-high", InstrumentKind.Guitar, out _, out string? error));

        Assert.Contains("Unknown tuning 'nashville-high'", error, StringComparison.Ordinal);
        Assert.Contains("drop-d", error, StringComparison.Ordinal);
        Assert.Contains("E2 A2 D3 G3 B3 E4", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("E A D G", "has 4 strings")]
    [InlineData("EADGBEA", "has 7 strings")]
    [InlineData("", "empty")]
    [InlineData("E2 A2 D3 G3 B3 X4", "Unknown tuning")]
    [InlineData("E2 A2 D3 G3 B3 E11", "outside the MIDI range")]
    public void BadTunings_SayWhatIsWrong(string text, string message)
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => Tuning.Parse(text, InstrumentKind.Guitar));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StringNumbers_CountFromTheTopOfTheTab()
    {
        var guitar = new TabInstrument(InstrumentKind.Guitar, Tuning.Standard(InstrumentKind.Guitar), 2, 22, Transcription.Output.InstrumentPreset.GuitarSteel);

        Assert.Equal(64, guitar.OpenPitch(1));
        Assert.Equal(40, guitar.OpenPitch(6));
        Assert.Equal(40 + 2 + 3, guitar.PitchAt(6, 3));
        Assert.Equal(20, guitar.MaxTabFret);
        Assert.Equal(42, guitar.LowestPitch);
        Assert.Equal(86, guitar.HighestPitch);
    }
}
