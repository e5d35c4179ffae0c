using WhatsTheTab.Transcription.Audio;

namespace WhatsTheTab.Transcription.Tests.Audio;

/// <summary>Drains a mono stream in tests.</summary>
internal static class MonoAudioStreamExtensions
{
    public static float[] ReadAll(this IMonoAudioStream stream, int blockSize = 8192)
    {
        var result = new List<float>();
        var buffer = new float[blockSize];
        int got;
        while ((got = stream.Read(buffer)) > 0)
        {
            result.AddRange(buffer.AsSpan(0, got));
        }

        return [.. result];
    }

    public static float[] ReadAll(string path, int targetSampleRate = AudioReader.ModelSampleRate)
    {
        using var stream = AudioReader.Open(path, targetSampleRate);
        return stream.ReadAll();
    }
}
