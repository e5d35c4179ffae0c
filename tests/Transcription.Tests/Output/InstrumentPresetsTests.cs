using WhatsTheTab.Transcription.Output;

namespace WhatsTheTab.Transcription.Tests.Output;

public sealed class InstrumentPresetsTests
{
    [Theory]
    [InlineData("piano", InstrumentPreset.Piano, 0)]
    [InlineData("guitar-nylon", InstrumentPreset.GuitarNylon, 24)]
    [InlineData("Guitar_Steel", InstrumentPreset.GuitarSteel, 25)]
    [InlineData("guitarelectric", InstrumentPreset.GuitarElectric, 27)]
    [InlineData(" BASS ", InstrumentPreset.Bass, 33)]
    [InlineData("none", InstrumentPreset.None, null)]
    public void Names_ParseToPresetsWithTheirGeneralMidiProgram(string name, InstrumentPreset preset, int? program)
    {
        Assert.Equal(preset, InstrumentPresets.Parse(name));
        Assert.Equal(program, preset.GeneralMidiProgram());
    }

    [Fact]
    public void CanonicalNames_RoundTrip()
    {
        Assert.All(Enum.GetValues<InstrumentPreset>(), p => Assert.Equal(p, InstrumentPresets.Parse(p.ToName())));
    }

    [Theory]
    [InlineData("")]
    [InlineData("violin")]
    [InlineData(null)]
    public void UnknownNames_AreRejected(string? name)
    {
        Assert.False(InstrumentPresets.TryParse(name, out _));
        if (name is not null)
        {
            ArgumentException error = Assert.Throws<ArgumentException>(() => InstrumentPresets.Parse(name));
            Assert.Contains("guitar-nylon", error.Message, StringComparison.Ordinal);
        }
    }
}
