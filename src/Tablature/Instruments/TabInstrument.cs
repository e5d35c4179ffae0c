using WhatsTheTab.Transcription.Output;

namespace WhatsTheTab.Tablature.Instruments;

/// <summary>A fretted instrument as the fingering sees it: tuning, capo, highest fret and the General MIDI sound.</summary>
/// <remarks>
/// Strings are numbered as tabs and MusicXML number them: 1 is the top line of the tab, the last string of
/// <see cref="Tuning.OpenPitches"/>. Frets are counted from the capo, as a player reads them (fret 0 is the capo), so a
/// note sounds at open pitch + capo + fret; <see cref="MaxFret"/> is the highest fret on the neck, which leaves
/// <see cref="MaxFret"/> − <see cref="Capo"/> frets above the capo.
/// </remarks>
public sealed class TabInstrument
{
    public TabInstrument(InstrumentKind kind, Tuning tuning, int capo, int maxFret, InstrumentPreset sound)
    {
        ArgumentNullException.ThrowIfNull(tuning);
        if (tuning.StringCount != kind.StringCount())
        {
            throw new ArgumentException($"A {kind.DisplayName()} needs {kind.StringCount()} strings, the tuning has {tuning.StringCount}.", nameof(tuning));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(capo);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxFret, capo);
        Kind = kind;
        Tuning = tuning;
        Capo = capo;
        MaxFret = maxFret;
        Sound = sound;
    }

    public InstrumentKind Kind { get; }

    public Tuning Tuning { get; }

    public int Capo { get; }

    /// <summary>Highest fret on the neck (not counted from the capo).</summary>
    public int MaxFret { get; }

    /// <summary>The General MIDI sound for MIDI and notation exports.</summary>
    public InstrumentPreset Sound { get; }

    public int StringCount => Tuning.StringCount;

    /// <summary>Highest tab fret: frets above the capo.</summary>
    public int MaxTabFret => MaxFret - Capo;

    /// <summary>Lowest sounding pitch: the lowest open string with the capo on.</summary>
    public int LowestPitch => Tuning.OpenPitches.Min() + Capo;

    /// <summary>Highest sounding pitch: the highest string at the top fret.</summary>
    public int HighestPitch => Tuning.OpenPitches.Max() + MaxFret;

    /// <summary>Open pitch (without capo) of tab string <paramref name="stringNumber"/> (1 = top line of the tab).</summary>
    public int OpenPitch(int stringNumber)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stringNumber, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(stringNumber, StringCount);
        return Tuning.OpenPitches[StringCount - stringNumber];
    }

    /// <summary>The pitch that sounds at tab fret <paramref name="fret"/> (counted from the capo) of a string.</summary>
    public int PitchAt(int stringNumber, int fret) => OpenPitch(stringNumber) + Capo + fret;

    /// <summary>True when some string has <paramref name="pitch"/> between the capo and the top fret.</summary>
    public bool CanPlay(int pitch)
    {
        foreach (int open in Tuning.OpenPitches)
        {
            int fret = pitch - open - Capo;
            if (fret >= 0 && fret <= MaxTabFret)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The instrument the options describe; throws <see cref="ArgumentException"/> when they are not valid.</summary>
    public static TabInstrument From(TabOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Tuning tuning = Tuning.Parse(options.Tuning, options.Instrument);
        return new TabInstrument(options.Instrument, tuning, options.Capo, options.MaxFret, options.Sound ?? options.Instrument.DefaultSound());
    }
}
