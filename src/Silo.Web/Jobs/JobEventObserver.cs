using System.Threading.Channels;
using WhatsTheTab.Grains.Abstractions.Jobs;

namespace WhatsTheTab.Silo.Web.Jobs;

/// <summary>
/// One SSE connection's watcher: the grain calls it through an object reference and it queues the change for the
/// connection's writer. Orleans holds observers weakly, so the connection keeps this object alive while it streams.
/// </summary>
public sealed class JobEventObserver : IJobObserver
{
    // Bounded so a stalled client cannot grow memory; dropping the oldest loses only superseded progress.
    private readonly Channel<JobChange> _changes = Channel.CreateBounded<JobChange>(
        new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    /// <summary>The changes not yet written to the stream, oldest first.</summary>
    public ChannelReader<JobChange> Changes => _changes.Reader;

    public Task OnJobChangedAsync(JobChange change)
    {
        _changes.Writer.TryWrite(change);
        return Task.CompletedTask;
    }
}
