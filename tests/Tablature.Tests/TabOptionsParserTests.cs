using WhatsTheTab.Tablature.Instruments;
using WhatsTheTab.Tablature.Rhythm;
using WhatsTheTab.Transcription.Output;

namespace WhatsTheTab.Tablature.Tests;

public sealed class TabOptionsParserTests
{
    private static KeyValuePair<string, string?> P(string key, string? value) => new(key, value);

    [Fact]
    public void EveryOption_IsRead()
    {
        TabOptions options = TabOptionsParser.Parse(
        [
            P("instrument", "bass-5"), P("tuning", "B0 E1 A1 D2 G2"), P("capo", "2"), P("max-fret", "24"), P("hand-span", "5"),
            P("quantize", "eighth"), P("triplets", "false"), P("tempo", "96.5"), P("time-signature", "6/8"), P("width", "100"),
            P("title", "  Night Walk  "), P("sound", "bass-pick"),
        ]);

        Assert.Equal(InstrumentKind.FiveStringBass, options.Instrument);
        Assert.Equal("B0 E1 A1 D2 G2", options.Tuning);
        Assert.Equal(2, options.Capo);
        Assert.Equal(24, options.MaxFret);
        Assert.Equal(5, options.HandSpan);
        Assert.Equal(QuantizeMode.Eighth, options.Quantize);
        Assert.False(options.Triplets);
        Assert.Equal(96.5, options.TempoBpm);
        Assert.Equal(new TimeSignature(6, 8), options.TimeSignature);
        Assert.Equal(100, options.Width);
        Assert.Equal("Night Walk", options.Title);
        Assert.Equal(InstrumentPreset.BassPicked, options.Sound);
    }

    [Fact]
    public void Names_IgnoreCaseAndSeparators_AndEmptyValuesKeepDefaults()
    {
        TabOptions options = TabOptionsParser.Parse([P("MAX_FRET", "20"), P("handSpan", "3"), P("Time Signature", "3/4"), P("capo", ""), P("bpm", "auto")]);

        Assert.Equal(20, options.MaxFret);
        Assert.Equal(3, options.HandSpan);
        Assert.Equal(new TimeSignature(3, 4), options.TimeSignature);
        Assert.Equal(0, options.Capo);
        Assert.Null(options.TempoBpm);
    }

    [Fact]
    public void Defaults_AreGuitarStandardSixteenthsWithTriplets()
    {
        TabOptions options = TabOptionsParser.Parse([]);

        Assert.Equal(new TabOptions(), options);
        Assert.Equal(TimeSignature.Common, options.Meter);
        Assert.Empty(options.Validate());
    }

    [Theory]
    [InlineData("capo", "13", "Capo '13' is not a whole number in 0..12.")]
    [InlineData("capo", "two", "Capo 'two' is not a whole number in 0..12.")]
    [InlineData("max-fret", "40", "Max fret '40' is not a whole number in 12..30.")]
    [InlineData("hand-span", "1", "Hand span '1' is not a whole number in 2..8.")]
    [InlineData("tempo", "0", "Tempo '0' is not a number of quarter notes per minute in 20..400 (or 'auto').")]
    [InlineData("quantize", "triplet", "Unknown quantization 'triplet'; expected sixteenth, eighth or none.")]
    [InlineData("triplets", "maybe", "Triplets must be true or false, not 'maybe'.")]
    [InlineData("time-signature", "5/5", "Time signature 5/5: the beat type must be 2, 4, 8 or 16.")]
    [InlineData("time-signature", "waltz", "Time signature 'waltz' is not of the form beats/beat-type such as 4/4, 3/4 or 6/8.")]
    [InlineData("width", "10", "Width '10' is not a whole number in 40..1000.")]
    [InlineData("instrument", "banjo", "Unknown instrument 'banjo'; expected one of: guitar, 7-string, bass, bass-5.")]
    [InlineData("colour", "red", "Unknown tab option 'colour'; known options: instrument, tuning, capo, max-fret, hand-span, quantize, triplets, tempo, time-signature, width, title, sound.")]
    public void BadValues_GiveClearMessages(string key, string value, string message)
    {
        Assert.False(TabOptionsParser.TryParse([P(key, value)], out TabOptions? options, out IReadOnlyList<string> errors));

        Assert.Null(options);
        Assert.Equal(message, Assert.Single(errors));
    }

    [Fact]
    public void TuningThatDoesNotFitTheInstrument_IsRefused()
    {
        Assert.False(TabOptionsParser.TryParse([P("instrument", "bass"), P("tuning", "drop-d"), P("tuning", "DADGAD")], out _, out IReadOnlyList<string> errors));

        Assert.Equal("Tuning 'DADGAD' has 6 strings but a bass has 4; write one note per string, low string first.", Assert.Single(errors));
    }

    [Fact]
    public void CapoTooHighForTheNeck_IsRefused()
    {
        Assert.False(TabOptionsParser.TryParse([P("capo", "12"), P("max-fret", "14")], out _, out IReadOnlyList<string> errors));

        Assert.Equal("Capo 12 leaves 2 frets below max fret 14, fewer than the hand span of 4.", Assert.Single(errors));
    }

    [Fact]
    public void SeveralProblems_AreAllReported_AndParseThrowsWithThemAll()
    {
        KeyValuePair<string, string?>[] values = [P("capo", "-1"), P("tuning", "XYZ"), P("width", "wide")];

        Assert.False(TabOptionsParser.TryParse(values, out _, out IReadOnlyList<string> errors));
        Assert.Equal(3, errors.Count);
        ArgumentException error = Assert.Throws<ArgumentException>(() => TabOptionsParser.Parse(values));
        Assert.Contains("Capo '-1'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Unknown tuning 'XYZ'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Width 'wide'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_RefusesInvalidOptions()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => TablatureBuilder.Build([], new TabOptions { Capo = 20 }));

        Assert.Contains("Capo 20 is outside 0..12.", error.Message, StringComparison.Ordinal);
    }
}
