namespace WhatsTheTab.Tablature.Fingering;

/// <summary>One way to play an event: a tab string and fret for each of its notes, with the hand facts the costs need.</summary>
internal sealed class Voicing
{
    public Voicing(int[] strings, int[] frets)
    {
        Strings = strings;
        Frets = frets;
        int min = int.MaxValue;
        int max = int.MinValue;
        double stringSum = 0;
        int lowString = int.MaxValue;
        int highString = int.MinValue;
        for (int i = 0; i < frets.Length; i++)
        {
            stringSum += strings[i];
            lowString = Math.Min(lowString, strings[i]);
            highString = Math.Max(highString, strings[i]);
            if (frets[i] > 0)
            {
                min = Math.Min(min, frets[i]);
                max = Math.Max(max, frets[i]);
                FrettedSum += frets[i];
                FrettedCount++;
            }
            else
            {
                OpenCount++;
            }
        }

        MinFret = FrettedCount > 0 ? min : 0;
        MaxFret = FrettedCount > 0 ? max : 0;
        MeanString = frets.Length > 0 ? stringSum / frets.Length : 0;
        InnerGaps = frets.Length > 1 ? highString - lowString + 1 - frets.Length : 0;
    }

    /// <summary>Tab string number (1 = top) per note, in the event's note order.</summary>
    public int[] Strings { get; }

    /// <summary>Fret counted from the capo per note.</summary>
    public int[] Frets { get; }

    /// <summary>Lowest fretted (non-open) fret, 0 when every note is open.</summary>
    public int MinFret { get; }

    public int MaxFret { get; }

    public int FrettedCount { get; }

    public int FrettedSum { get; }

    public int OpenCount { get; }

    public double MeanString { get; }

    /// <summary>Strings skipped between the lowest and highest string played.</summary>
    public int InnerGaps { get; }

    /// <summary>Cost that depends on this voicing alone (fret height, stretch, skipped strings), set by the generator.</summary>
    public double LocalCost { get; set; }
}
