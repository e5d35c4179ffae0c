using WhatsTheTab.TestSupport;
using WhatsTheTab.Transcription.Audio;

namespace WhatsTheTab.Transcription.Bench;

/// <summary>The benchmark's audio: the rendered test pieces back to back (≈1 minute), and that minute tiled to an hour.</summary>
internal static class BenchAudio
{
    public static string Folder => RepoPaths.EnsureDir(Path.Combine(RepoPaths.Root, "bench", "out"));

    /// <summary>All test clips concatenated and repeated to at least <paramref name="seconds"/> seconds, 22 050 Hz mono.</summary>
    public static string Minute(int seconds = 60)
    {
        var path = Path.Combine(Folder, $"bench-{seconds}s.wav");
        if (File.Exists(path))
        {
            return path;
        }

        var pieces = TestClips.All.Select(c => WavAudio.Read(c.WavPath)).ToList();
        var samples = new List<float>(seconds * TestClips.SampleRate);
        while (samples.Count < seconds * TestClips.SampleRate)
        {
            foreach (var piece in pieces)
            {
                samples.AddRange(piece.Channels == 1 ? piece.Samples : Downmix(piece));
            }
        }

        WavWriter.Write(path, samples.ToArray().AsSpan(0, seconds * TestClips.SampleRate), TestClips.SampleRate);
        return path;
    }

    /// <summary>A 16-bit WAV of <paramref name="minutes"/> minutes, written block by block (never held whole).</summary>
    public static string Long(int minutes)
    {
        var path = Path.Combine(Folder, $"bench-{minutes}min.wav");
        if (File.Exists(path))
        {
            return path;
        }

        var minute = WavAudio.Read(Minute()).Samples.ToArray();
        var frames = (long)minutes * 60 * TestClips.SampleRate;
        var tmp = path + ".tmp";
        using (var file = new BinaryWriter(File.Create(tmp)))
        {
            var dataBytes = frames * 2;
            file.Write("RIFF"u8);
            file.Write((uint)(36 + dataBytes));
            file.Write("WAVEfmt "u8);
            file.Write(16u);
            file.Write((ushort)1);
            file.Write((ushort)1);
            file.Write((uint)TestClips.SampleRate);
            file.Write((uint)(TestClips.SampleRate * 2));
            file.Write((ushort)2);
            file.Write((ushort)16);
            file.Write("data"u8);
            file.Write((uint)dataBytes);
            var block = new byte[minute.Length * 2];
            for (var i = 0; i < minute.Length; i++)
            {
                BitConverter.TryWriteBytes(block.AsSpan(2 * i), (short)Math.Clamp(minute[i] * 32767f, -32768f, 32767f));
            }

            for (long written = 0; written < frames; written += minute.Length)
            {
                var count = (int)Math.Min(minute.Length, frames - written);
                file.Write(block, 0, count * 2);
            }
        }

        File.Move(tmp, path, overwrite: true);
        return path;
    }

    private static IEnumerable<float> Downmix(WavAudio audio)
    {
        for (var i = 0; i + audio.Channels <= audio.Samples.Count; i += audio.Channels)
        {
            var sum = 0f;
            for (var c = 0; c < audio.Channels; c++)
            {
                sum += audio.Samples[i + c];
            }

            yield return sum / audio.Channels;
        }
    }
}
