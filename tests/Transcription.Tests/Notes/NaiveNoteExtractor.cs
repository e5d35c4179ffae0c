using WhatsTheTab.Transcription.Notes;

namespace WhatsTheTab.Transcription.Tests.Notes;

/// <summary>
/// Test oracle: basic-pitch's model_output_to_notes transcribed as literally as possible — whole matrices, the
/// melodia loop rescanning for the global maximum every note, the pairwise overlapping-bend loop — with the same
/// documented deviations as <see cref="NoteExtractor"/> (clamped frequency limits, no NaNs when nothing rises).
/// </summary>
internal static class NaiveNoteExtractor
{
    private const int P = 88;

    public sealed record Note(int Start, int End, int Pitch, double Amplitude, int[]? Bends);

    public static List<Note> Extract(Activations activations, NoteOptions options)
    {
        int n = activations.FrameCount;
        var notes = new List<Note>();
        if (n == 0)
        {
            return notes;
        }

        double[,] frames = new double[n, P];
        double[,] onsets = new double[n, P];
        for (int t = 0; t < n; t++)
        {
            for (int f = 0; f < P; f++)
            {
                frames[t, f] = activations.Notes[(t * P) + f];
                onsets[t, f] = activations.Onsets[(t * P) + f];
            }
        }

        // constrain_frequency
        if (options.MaxFrequency is { } max)
        {
            int idx = Math.Clamp(PitchIndex(max), 0, P);
            for (int t = 0; t < n; t++)
            {
                for (int f = idx; f < P; f++)
                {
                    frames[t, f] = 0;
                    onsets[t, f] = 0;
                }
            }
        }

        if (options.MinFrequency is { } min)
        {
            int idx = Math.Clamp(PitchIndex(min), 0, P);
            for (int t = 0; t < n; t++)
            {
                for (int f = 0; f < idx; f++)
                {
                    frames[t, f] = 0;
                    onsets[t, f] = 0;
                }
            }
        }

        // get_infered_onsets
        if (options.InferOnsets)
        {
            double[,] diff = new double[n, P];
            double maxDiff = double.NegativeInfinity;
            float maxOnset = float.NegativeInfinity;
            for (int t = 0; t < n; t++)
            {
                for (int f = 0; f < P; f++)
                {
                    maxOnset = Math.Max(maxOnset, (float)onsets[t, f]);
                    double d1 = frames[t, f] - (t >= 1 ? frames[t - 1, f] : 0);
                    double d2 = frames[t, f] - (t >= 2 ? frames[t - 2, f] : 0);
                    double d = Math.Min(d1, d2);
                    if (d < 0)
                    {
                        d = 0;
                    }

                    if (t < 2)
                    {
                        d = 0;
                    }

                    diff[t, f] = d;
                    maxDiff = Math.Max(maxDiff, d);
                }
            }

            for (int t = 0; t < n; t++)
            {
                for (int f = 0; f < P; f++)
                {
                    double scaled = maxDiff == 0 ? 0 : maxOnset * diff[t, f] / maxDiff;
                    onsets[t, f] = Math.Max(onsets[t, f], scaled);
                }
            }
        }

        // argrelmax + np.where(peak_thresh_mat >= onset_thresh)
        double[,] peakMatrix = new double[n, P];
        for (int t = 1; t < n - 1; t++)
        {
            for (int f = 0; f < P; f++)
            {
                if (onsets[t, f] > onsets[t - 1, f] && onsets[t, f] > onsets[t + 1, f])
                {
                    peakMatrix[t, f] = onsets[t, f];
                }
            }
        }

        var onsetCells = new List<(int T, int F)>();
        for (int t = 0; t < n; t++)
        {
            for (int f = 0; f < P; f++)
            {
                if (peakMatrix[t, f] >= options.OnsetThreshold)
                {
                    onsetCells.Add((t, f));
                }
            }
        }

        onsetCells.Reverse();
        double[,] remaining = (double[,])frames.Clone();
        double thr = options.FrameThreshold;
        int tol = options.EnergyTolerance;
        int minLen = options.MinNoteLengthFrames;

        foreach ((int start, int f) in onsetCells)
        {
            if (start >= n - 1)
            {
                continue;
            }

            int i = start + 1;
            int k = 0;
            while (i < n - 1 && k < tol)
            {
                if (remaining[i, f] < thr)
                {
                    k++;
                }
                else
                {
                    k = 0;
                }

                i++;
            }

            i -= k;
            if (i - start <= minLen)
            {
                continue;
            }

            for (int t = start; t < i; t++)
            {
                remaining[t, f] = 0;
                if (f < P - 1)
                {
                    remaining[t, f + 1] = 0;
                }

                if (f > 0)
                {
                    remaining[t, f - 1] = 0;
                }
            }

            notes.Add(new Note(start, i, f + 21, Mean(frames, start, i, f), null));
        }

        if (options.MelodiaTrick)
        {
            while (true)
            {
                double best = double.NegativeInfinity;
                int bestT = 0;
                int f = 0;
                for (int t = 0; t < n; t++)
                {
                    for (int g = 0; g < P; g++)
                    {
                        if (remaining[t, g] > best)
                        {
                            best = remaining[t, g];
                            bestT = t;
                            f = g;
                        }
                    }
                }

                if (!(best > thr))
                {
                    break;
                }

                int middle = bestT;
                remaining[middle, f] = 0;

                int i = middle + 1;
                int k = 0;
                while (i < n - 1 && k < tol)
                {
                    k = remaining[i, f] < thr ? k + 1 : 0;
                    ZeroAround(remaining, i, f);
                    i++;
                }

                int end = i - 1 - k;

                i = middle - 1;
                k = 0;
                while (i > 0 && k < tol)
                {
                    k = remaining[i, f] < thr ? k + 1 : 0;
                    ZeroAround(remaining, i, f);
                    i--;
                }

                int begin = i + 1 + k;
                if (end - begin <= minLen)
                {
                    continue;
                }

                notes.Add(new Note(begin, end, f + 21, Mean(frames, begin, end, f), null));
            }
        }

        if (options.PitchBends != PitchBendMode.None && activations.Contours is { } contours)
        {
            notes = [.. notes.Select(note => note with { Bends = Bends(contours, note) })];
            if (options.PitchBends == PitchBendMode.SingleTrack)
            {
                notes = DropOverlapping(notes);
            }
        }

        return notes;
    }

    private static int PitchIndex(double hz) =>
        (int)Math.Round((12 * Math.Log2(hz / 440.0)) + 69 - 21, MidpointRounding.ToEven);

    private static void ZeroAround(double[,] remaining, int t, int f)
    {
        remaining[t, f] = 0;
        if (f < P - 1)
        {
            remaining[t, f + 1] = 0;
        }

        if (f > 0)
        {
            remaining[t, f - 1] = 0;
        }
    }

    private static double Mean(double[,] frames, int start, int end, int f)
    {
        double sum = 0;
        for (int t = start; t < end; t++)
        {
            sum += frames[t, f];
        }

        return sum / (end - start);
    }

    private static int[] Bends(float[] contours, Note note)
    {
        double[] gaussian = new double[51];
        for (int j = 0; j < 51; j++)
        {
            double x = j - 25.0;
            gaussian[j] = Math.Exp(-(x * x) / 50.0);
        }

        double hz = 440.0 * Math.Pow(2.0, (note.Pitch - 69.0) / 12.0);
        int freqIdx = (int)Math.Round(36.0 * Math.Log2(hz / 27.5), MidpointRounding.ToEven);
        int freqStart = Math.Max(freqIdx - 25, 0);
        int freqEnd = Math.Min(264, freqIdx + 26);
        int gaussStart = Math.Max(0, 25 - freqIdx);
        int gaussEnd = 51 - Math.Max(0, freqIdx - (264 - 25 - 1));
        Assert.Equal(freqEnd - freqStart, gaussEnd - gaussStart);
        int shift = 25 - Math.Max(0, 25 - freqIdx);

        int[] bends = new int[note.End - note.Start];
        for (int t = note.Start; t < note.End; t++)
        {
            int arg = 0;
            double best = double.NegativeInfinity;
            for (int j = 0; j < freqEnd - freqStart; j++)
            {
                double value = contours[(t * 264) + freqStart + j] * gaussian[gaussStart + j];
                if (value > best)
                {
                    best = value;
                    arg = j;
                }
            }

            bends[t - note.Start] = arg - shift;
        }

        return bends;
    }

    private static List<Note> DropOverlapping(List<Note> notes)
    {
        // Python sorts the notes themselves; the original order is kept here so callers can compare emission order.
        var sorted = Enumerable.Range(0, notes.Count)
            .OrderBy(i => notes[i].Start).ThenBy(i => notes[i].End).ThenBy(i => notes[i].Pitch).ToList();
        var result = new List<Note>(notes);
        for (int i = 0; i < sorted.Count - 1; i++)
        {
            for (int j = i + 1; j < sorted.Count; j++)
            {
                if (notes[sorted[j]].Start >= notes[sorted[i]].End)
                {
                    break;
                }

                result[sorted[i]] = result[sorted[i]] with { Bends = null };
                result[sorted[j]] = result[sorted[j]] with { Bends = null };
            }
        }

        return result;
    }
}
