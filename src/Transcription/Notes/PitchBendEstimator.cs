namespace WhatsTheTab.Transcription.Notes;

/// <summary>basic-pitch's get_pitch_bends: per frame, the strongest contour bin near the note's pitch, Gaussian-weighted.</summary>
internal static class PitchBendEstimator
{
    private const int Tolerance = 25;
    private const int WindowLength = (2 * Tolerance) + 1;
    private const int Bins = Activations.ContourBins;

    // scipy.signal.windows.gaussian(51, std=5), computed the way scipy does so that ties break identically.
    private static readonly double[] Gaussian = CreateGaussian();

    /// <summary>Bends in thirds of a semitone for frames [StartFrame, EndFrame) of <paramref name="note"/>.</summary>
    public static int[] Estimate(float[] contours, FrameNote note)
    {
        int center = (int)Math.Round(
            12.0 * PitchGrid.ContourBinsPerSemitone
                * Math.Log2(PitchGrid.MidiToHz(note.Pitch) / PitchGrid.ContourBaseFrequency),
            MidpointRounding.ToEven);
        int firstBin = Math.Max(center - Tolerance, 0);
        int endBin = Math.Min(Bins, center + Tolerance + 1);
        int windowStart = Math.Max(0, Tolerance - center);
        int shift = Tolerance - windowStart;
        int width = endBin - firstBin;
        ReadOnlySpan<double> window = Gaussian.AsSpan(windowStart, width);

        int[] bends = new int[note.EndFrame - note.StartFrame];
        for (int t = note.StartFrame; t < note.EndFrame; t++)
        {
            ReadOnlySpan<float> row = contours.AsSpan((t * Bins) + firstBin, width);
            int best = 0;
            double bestValue = row[0] * window[0];
            for (int j = 1; j < width; j++)
            {
                double value = row[j] * window[j];
                if (value > bestValue)
                {
                    bestValue = value;
                    best = j;
                }
            }

            bends[t - note.StartFrame] = best - shift;
        }

        return bends;
    }

    private static double[] CreateGaussian()
    {
        double[] window = new double[WindowLength];
        const double twoSigmaSquared = 2.0 * 5 * 5;
        for (int n = 0; n < WindowLength; n++)
        {
            double x = n - ((WindowLength - 1.0) / 2.0);
            window[n] = Math.Exp(-(x * x) / twoSigmaSquared);
        }

        return window;
    }
}
