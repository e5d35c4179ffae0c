using WhatsTheTab.Transcription;

namespace WhatsTheTab.Cli.Progress;

/// <summary>Shows how far the transcription of one file has got: a live bar on a terminal, plain lines in logs, or nothing.</summary>
public interface IProgressReporter
{
    /// <summary>Runs <paramref name="work"/> for <paramref name="file"/>, handing it the sink for the engine's chunk progress.</summary>
    T Track<T>(string file, Func<IProgress<ChunkProgress>, T> work);
}
