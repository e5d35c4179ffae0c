using WhatsTheTab.Transcription;

namespace WhatsTheTab.Cli.Progress;

/// <summary>No progress at all (--quiet).</summary>
public sealed class SilentProgressReporter : IProgressReporter
{
    public T Track<T>(string file, Func<IProgress<ChunkProgress>, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return work(new SynchronousProgress<ChunkProgress>(static _ => { }));
    }
}
