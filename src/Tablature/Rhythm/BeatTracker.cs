namespace WhatsTheTab.Tablature.Rhythm;

/// <summary>
/// Estimates the beat period from onsets and places beats that follow mild tempo drift.
/// </summary>
/// <remarks>
/// Period: a histogram of the lags between all onset pairs (up to 4 s, weighted by both onsets' salience) is read as a comb
/// at candidate periods from 40 to 240 beats per minute, times a log-normal tempo prior; the winner's musical relatives
/// (1/3 … 3 times) are then compared by how simply the onsets sit on their grid, how many beats they need and whether the
/// accents fall on the beats, which settles the ×3/2 and ×3 confusions a comb alone cannot. Beats: Ellis' dynamic
/// programming tracker (onset envelope at 100 frames a second, log-interval deviation penalty) followed by a local linear
/// fit over nine beats, which smooths onset jitter while still following drift.
/// </remarks>
internal static class BeatTracker
{
    public const double MinBpm = 40;
    public const double MaxBpm = 240;

    private const double BinSeconds = 0.002;
    private const double MaxLagSeconds = 4.0;
    private const int MaxPairsPerOnset = 96;
    private const double CandidateStep = 1.002;
    private const double FrameRate = 100;
    private const double Tightness = 60;

    // Weights of the relative-tempo comparison (see ChooseAmongRelatives).
    private const double BeatCost = 1.5;
    private const double PriorCost = 0.5;
    private const double AccentGain = 1.5;
    private const double AccentCap = 0.3;

    private static readonly double[] Relatives = [1.0 / 3, 0.5, 2.0 / 3, 1, 1.5, 2, 3];

    /// <summary>The beat period in seconds, for beats of a meter whose usual tempo is <paramref name="centerBpm"/> beats a minute.</summary>
    public static double EstimatePeriod(IReadOnlyList<Onset> onsets, double centerBpm)
    {
        if (onsets.Count < 3)
        {
            return 60 / centerBpm;
        }

        double[] histogram = LagHistogram(onsets);
        double bestScore = double.NegativeInfinity;
        double bestPeriod = 60 / centerBpm;
        for (double bpm = MinBpm; bpm <= MaxBpm; bpm *= CandidateStep)
        {
            double period = 60 / bpm;
            double score = Comb(histogram, period) * Prior(bpm, centerBpm);
            if (score > bestScore)
            {
                bestScore = score;
                bestPeriod = period;
            }
        }

        if (bestScore <= 0)
        {
            return 60 / centerBpm;
        }

        double chosen = ChooseAmongRelatives(onsets, histogram, bestPeriod, centerBpm);
        return RefinePeak(histogram, chosen);
    }

    /// <summary>Beat times covering the onsets (from the first to the last), for a beat period near <paramref name="period"/>.</summary>
    public static double[] Track(IReadOnlyList<Onset> onsets, double period)
    {
        if (onsets.Count == 0)
        {
            return [0, period];
        }

        double origin = onsets[0].Time - (2 * period);
        double span = onsets[^1].Time - origin + (2 * period);
        int frames = (int)Math.Ceiling(span * FrameRate) + 1;
        double[] envelope = Envelope(onsets, origin, frames);

        double p = period * FrameRate;
        int minStep = Math.Max(1, (int)Math.Round(p / 2));
        int maxStep = Math.Max(minStep + 1, (int)Math.Round(2 * p));
        var score = new double[frames];
        var back = new int[frames];
        var penalty = new double[maxStep + 1];
        for (int step = minStep; step <= maxStep; step++)
        {
            double deviation = Math.Log(step / p);
            penalty[step] = Tightness * deviation * deviation;
        }

        for (int n = 0; n < frames; n++)
        {
            double best = 0;
            int from = -1;
            for (int step = minStep; step <= maxStep && step <= n; step++)
            {
                double candidate = score[n - step] - penalty[step];
                if (candidate > best)
                {
                    best = candidate;
                    from = n - step;
                }
            }

            score[n] = envelope[n] + best;
            back[n] = from;
        }

        // End on the best-scoring frame within a period of the last onset.
        int lastOnsetFrame = (int)Math.Round((onsets[^1].Time - origin) * FrameRate);
        int end = lastOnsetFrame;
        for (int n = Math.Max(0, lastOnsetFrame - (int)p); n <= Math.Min(frames - 1, lastOnsetFrame + (int)(p / 4)); n++)
        {
            if (score[n] > score[end])
            {
                end = n;
            }
        }

        var frameBeats = new List<int>();
        for (int n = end; n >= 0; n = back[n])
        {
            frameBeats.Add(n);
        }

        frameBeats.Reverse();
        var beats = new double[frameBeats.Count];
        for (int i = 0; i < beats.Length; i++)
        {
            beats[i] = origin + (frameBeats[i] / FrameRate);
        }

        return beats.Length >= 2 ? Smooth(beats) : [beats[0], beats[0] + period];
    }

    /// <summary>Salience-weighted onset pair lags in 2 ms bins, smoothed with a 10 ms Gaussian (jitter of both onsets).</summary>
    private static double[] LagHistogram(IReadOnlyList<Onset> onsets)
    {
        int bins = (int)(MaxLagSeconds / BinSeconds) + 1;
        var raw = new double[bins];
        for (int i = 0; i < onsets.Count; i++)
        {
            for (int j = i + 1; j < onsets.Count && j <= i + MaxPairsPerOnset; j++)
            {
                double lag = onsets[j].Time - onsets[i].Time;
                if (lag > MaxLagSeconds)
                {
                    break;
                }

                raw[(int)Math.Round(lag / BinSeconds)] += onsets[i].Weight * onsets[j].Weight;
            }
        }

        const double sigmaBins = 5;
        const int radius = 15;
        var kernel = new double[(2 * radius) + 1];
        for (int k = -radius; k <= radius; k++)
        {
            kernel[k + radius] = Math.Exp(-0.5 * k * k / (sigmaBins * sigmaBins));
        }

        var smoothed = new double[bins];
        for (int b = 0; b < bins; b++)
        {
            if (raw[b] == 0)
            {
                continue;
            }

            for (int k = -radius; k <= radius; k++)
            {
                int target = b + k;
                if (target >= 0 && target < bins)
                {
                    smoothed[target] += raw[b] * kernel[k + radius];
                }
            }
        }

        return smoothed;
    }

    /// <summary>Mean histogram height at the first multiples of the period (up to eight, within the lag range).</summary>
    private static double Comb(double[] histogram, double period)
    {
        int multiples = Math.Min(8, (int)(MaxLagSeconds / period));
        if (multiples < 1)
        {
            return 0;
        }

        double sum = 0;
        for (int k = 1; k <= multiples; k++)
        {
            sum += Sample(histogram, k * period / BinSeconds);
        }

        return sum / multiples;
    }

    private static double Sample(double[] histogram, double position)
    {
        int index = (int)position;
        if (index < 0 || index + 1 >= histogram.Length)
        {
            return 0;
        }

        double fraction = position - index;
        return (histogram[index] * (1 - fraction)) + (histogram[index + 1] * fraction);
    }

    /// <summary>Log-normal preference for tempos near the meter's usual one (one octave away weighs about 0.54).</summary>
    private static double Prior(double bpm, double centerBpm)
    {
        double octaves = Math.Log2(bpm / centerBpm);
        return Math.Exp(-0.5 * octaves * octaves / (0.9 * 0.9));
    }

    /// <summary>The local comb maximum within 3 % of <paramref name="period"/>, parabola-refined.</summary>
    private static double RefinePeak(double[] histogram, double period)
    {
        double best = period;
        double bestScore = Comb(histogram, period);
        for (double p = period * 0.97; p <= period * 1.03; p *= 1.0005)
        {
            double s = Comb(histogram, p);
            if (s > bestScore)
            {
                bestScore = s;
                best = p;
            }
        }

        double h = best * 0.0005;
        double left = Comb(histogram, best - h);
        double right = Comb(histogram, best + h);
        double curvature = left - (2 * bestScore) + right;
        if (curvature < 0)
        {
            double offset = 0.5 * (left - right) / curvature;
            if (Math.Abs(offset) <= 1)
            {
                best += offset * h;
            }
        }

        return best;
    }

    /// <summary>
    /// Among the comb winner and its relatives, the period under which the onsets are explained most simply: each onset
    /// costs by where it falls in its beat (on the beat 0, half 1, thirds 1.4, quarters 2, elsewhere 4), every beat of the
    /// grid costs <see cref="BeatCost"/> per onset, tempos far from the usual cost <see cref="PriorCost"/> per octave squared,
    /// and accents landing on the beats earn <see cref="AccentGain"/> times the log of how much louder on-beat onsets are.
    /// </summary>
    private static double ChooseAmongRelatives(IReadOnlyList<Onset> onsets, double[] histogram, double winner, double centerBpm)
    {
        double best = winner;
        double bestCost = double.PositiveInfinity;
        foreach (double ratio in Relatives)
        {
            double period = winner * ratio;
            double bpm = 60 / period;
            if (bpm < MinBpm || bpm > MaxBpm)
            {
                continue;
            }

            double refined = RefinePeak(histogram, period);
            double cost = GridCost(onsets, refined) + (PriorCost * Square(Math.Log2(60 / refined / centerBpm)));
            if (cost < bestCost - 1e-9)
            {
                bestCost = cost;
                best = refined;
            }
        }

        return best;
    }

    private static double GridCost(IReadOnlyList<Onset> onsets, double period)
    {
        double[] phases = LocalPhases(onsets, period, out double windowSeconds);
        double totalWeight = 0;
        double complexity = 0;
        double onBeatWeight = 0;
        int onBeatCount = 0;
        foreach (Onset onset in onsets)
        {
            int window = Math.Clamp((int)((onset.Time - onsets[0].Time) / windowSeconds), 0, phases.Length - 1);
            double position = (onset.Time / period) - phases[window];
            double fraction = position - Math.Floor(position);
            double cost = PositionCost(fraction);
            complexity += onset.Weight * cost;
            totalWeight += onset.Weight;
            if (cost == 0)
            {
                onBeatWeight += onset.Weight;
                onBeatCount++;
            }
        }

        double beats = ((onsets[^1].Time - onsets[0].Time) / period) + 1;
        // Capped: accents should tell the beat from its subdivisions, not pull the beat up to the bar, where the
        // strongest accents of all fall.
        double accent = onBeatCount == 0 ? 0 : Math.Min(AccentCap, Math.Log(onBeatWeight / onBeatCount / (totalWeight / onsets.Count)));
        return (complexity / totalWeight) + (BeatCost * beats / onsets.Count) - (AccentGain * accent);
    }

    private static double PositionCost(double fraction)
    {
        const double tolerance = 0.06;
        ReadOnlySpan<(double Position, double Cost)> positions =
        [
            (0, 0), (1, 0), (0.5, 1), (1.0 / 3, 1.4), (2.0 / 3, 1.4), (0.25, 2), (0.75, 2),
        ];
        double cost = 4;
        double nearest = tolerance;
        foreach ((double position, double positionCost) in positions)
        {
            double distance = Math.Abs(fraction - position);
            if (distance <= nearest)
            {
                nearest = distance;
                cost = positionCost;
            }
        }

        return cost;
    }

    /// <summary>
    /// Beat phase (in beats) of windows eight beats long: the phase that puts the most onset weight on the beat, so a grid
    /// at a fixed period still follows mild drift.
    /// </summary>
    private static double[] LocalPhases(IReadOnlyList<Onset> onsets, double period, out double windowSeconds)
    {
        const int bins = 48;
        windowSeconds = 8 * period;
        double first = onsets[0].Time;
        int windows = (int)((onsets[^1].Time - first) / windowSeconds) + 1;
        var histograms = new double[windows, bins];
        foreach (Onset onset in onsets)
        {
            double position = onset.Time / period;
            int bin = (int)((position - Math.Floor(position)) * bins) % bins;
            double center = (onset.Time - first) / windowSeconds;
            // Each onset counts in its own window and, half, in the neighbours, so windows overlap.
            int own = Math.Min(windows - 1, (int)center);
            for (int w = Math.Max(0, own - 1); w <= Math.Min(windows - 1, own + 1); w++)
            {
                histograms[w, bin] += w == own ? onset.Weight : onset.Weight / 2;
            }
        }

        var phases = new double[windows];
        for (int w = 0; w < windows; w++)
        {
            double best = double.NegativeInfinity;
            int bestBin = 0;
            for (int b = 0; b < bins; b++)
            {
                double sum = 0;
                for (int k = -2; k <= 2; k++)
                {
                    sum += histograms[w, (b + k + bins) % bins] * (3 - Math.Abs(k));
                }

                if (sum > best)
                {
                    best = sum;
                    bestBin = b;
                }
            }

            phases[w] = (bestBin + 0.5) / bins;
        }

        return phases;
    }

    /// <summary>Onsets as Gaussian bumps (20 ms) on a 100 Hz frame grid, scaled to unit standard deviation.</summary>
    private static double[] Envelope(IReadOnlyList<Onset> onsets, double origin, int frames)
    {
        var envelope = new double[frames];
        const double sigma = 2;
        foreach (Onset onset in onsets)
        {
            double center = (onset.Time - origin) * FrameRate;
            int from = Math.Max(0, (int)(center - (3 * sigma)));
            int to = Math.Min(frames - 1, (int)(center + (3 * sigma)) + 1);
            for (int n = from; n <= to; n++)
            {
                double d = (n - center) / sigma;
                envelope[n] += onset.Weight * Math.Exp(-0.5 * d * d);
            }
        }

        double mean = envelope.Average();
        double variance = envelope.Sum(v => (v - mean) * (v - mean)) / frames;
        double scale = variance > 0 ? 1 / Math.Sqrt(variance) : 1;
        for (int n = 0; n < frames; n++)
        {
            envelope[n] *= scale;
        }

        return envelope;
    }

    /// <summary>Each beat replaced by a least-squares line through its nine neighbours (fewer at the ends).</summary>
    private static double[] Smooth(double[] beats)
    {
        const int half = 4;
        var smoothed = new double[beats.Length];
        for (int i = 0; i < beats.Length; i++)
        {
            int from = Math.Max(0, i - half);
            int to = Math.Min(beats.Length - 1, i + half);
            int count = to - from + 1;
            if (count < 3)
            {
                smoothed[i] = beats[i];
                continue;
            }

            double meanX = 0;
            double meanY = 0;
            for (int k = from; k <= to; k++)
            {
                meanX += k;
                meanY += beats[k];
            }

            meanX /= count;
            meanY /= count;
            double sxx = 0;
            double sxy = 0;
            for (int k = from; k <= to; k++)
            {
                sxx += (k - meanX) * (k - meanX);
                sxy += (k - meanX) * (beats[k] - meanY);
            }

            smoothed[i] = meanY + (sxy / sxx * (i - meanX));
        }

        return smoothed;
    }

    private static double Square(double x) => x * x;
}
