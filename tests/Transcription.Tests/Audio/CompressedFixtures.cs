namespace WhatsTheTab.Transcription.Tests.Audio;

/// <summary>Two seconds of a 440 Hz tone (amplitude 0.5, 44.1 kHz stereo) encoded once per format with the real ffmpeg.</summary>
public sealed class CompressedFixtures : IDisposable
{
    public const double Seconds = 2;
    public const double Amplitude = 0.5;
    public const double Frequency = 440;

    private readonly TempDirectory _temp = new();
    private readonly Dictionary<string, string> _files = [];

    public CompressedFixtures()
    {
        var rate = 44100;
        var source = _temp.File("source.wav");
        var tone = TestSignals.Sine(Frequency, rate, (int)(Seconds * rate), Amplitude);
        var stereo = new float[tone.Length * 2];
        for (var i = 0; i < stereo.Length; i++)
        {
            stereo[i] = tone[i / 2];
        }

        File.WriteAllBytes(source, new WavFileBuilder { Channels = 2, SampleRate = rate }.Build(WavFileBuilder.Encode(stereo, 1, 16)));
        Add(source, "mp3", "tone.mp3", "-c:a", "libmp3lame", "-b:a", "192k");
        Add(source, "mp3-bare", "bare.mp3", "-c:a", "libmp3lame", "-b:a", "192k", "-id3v2_version", "0", "-write_xing", "0");
        Add(source, "flac", "tone.flac", "-c:a", "flac");
        Add(source, "vorbis", "tone.ogg", "-c:a", "libvorbis", "-q:a", "6");
        Add(source, "opus", "tone.opus", "-c:a", "libopus", "-b:a", "128k");
        Add(source, "m4a", "tone.m4a", "-c:a", "aac", "-b:a", "192k");
        Add(source, "adts", "tone.aac", "-c:a", "aac", "-b:a", "192k", "-f", "adts");
        Add(source, "aiff", "tone.aiff");
        Add(source, "webm", "tone.webm", "-c:a", "libopus", "-b:a", "128k");
    }

    public string this[string format] => _files[format];

    public string Folder => _temp.Path;

    public void Dispose() => _temp.Dispose();

    private void Add(string source, string key, string name, params string[] options) =>
        _files[key] = FfmpegEncoder.Encode(source, _temp.File(name), options);
}
