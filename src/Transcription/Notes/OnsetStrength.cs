namespace WhatsTheTab.Transcription.Notes;

/// <summary>
/// The onset matrix basic-pitch searches for peaks, computed a row at a time instead of materialised: the predicted
/// onsets limited to the kept pitch range and, when inferring onsets, raised to rises in the frame activations
/// (get_infered_onsets) rescaled to the onsets' maximum. Values are doubles because numpy promotes them to float64.
/// </summary>
internal readonly ref struct OnsetStrength
{
    private const int Width = Activations.PitchBins;

    private readonly ReadOnlySpan<float> _frames;
    private readonly ReadOnlySpan<float> _onsets;
    private readonly int _low;
    private readonly int _high;
    private readonly bool _infer;
    private readonly double _maxOnset;
    private readonly double _maxRise;

    public OnsetStrength(ReadOnlySpan<float> frames, ReadOnlySpan<float> onsets, int frameCount, int low, int high, bool inferOnsets)
    {
        _frames = frames;
        _onsets = onsets;
        _low = low;
        _high = high;
        _infer = inferOnsets;
        if (!inferOnsets)
        {
            return;
        }

        // Constrained-away columns are zeros in basic-pitch's matrices and take part in both maxima.
        float maxOnset = low > 0 || high < Width ? 0f : float.NegativeInfinity;
        double maxRise = 0;
        for (int t = 0; t < frameCount; t++)
        {
            ReadOnlySpan<float> row = onsets.Slice((t * Width) + low, high - low);
            for (int f = 0; f < row.Length; f++)
            {
                maxOnset = Math.Max(maxOnset, row[f]);
            }

            if (t >= 2)
            {
                for (int f = low; f < high; f++)
                {
                    maxRise = Math.Max(maxRise, Rise(t, f));
                }
            }
        }

        _maxOnset = maxOnset;
        _maxRise = maxRise;
    }

    /// <summary>Writes the onset strength of frame <paramref name="t"/> for all 88 pitches into <paramref name="row"/>.</summary>
    public void FillRow(int t, Span<double> row)
    {
        row.Clear();
        int offset = t * Width;
        for (int f = _low; f < _high; f++)
        {
            double value = _onsets[offset + f];
            if (_infer)
            {
                // basic-pitch divides by the maximum rise unguarded; with no rise at all that is 0/0 = NaN everywhere,
                // which silently disables onsets. Treating it as "no inferred onsets" keeps the predicted ones.
                double rise = t >= 2 && _maxRise > 0 ? _maxOnset * Rise(t, f) / _maxRise : 0;
                value = Math.Max(value, rise);
            }

            row[f] = value;
        }
    }

    // basic-pitch takes the smaller of the rises over one and two frames so a slow swell is not mistaken for an attack;
    // only defined for t >= 2 because it zeroes the first two rows anyway.
    private double Rise(int t, int f)
    {
        double current = _frames[(t * Width) + f];
        double rise = Math.Min(current - _frames[((t - 1) * Width) + f], current - _frames[((t - 2) * Width) + f]);
        return rise > 0 ? rise : 0;
    }
}
