using System.Threading.Channels;

namespace WhatsTheTab.TaskQueue.Tests;

/// <summary>Messages received on a test's channels, with the test's prefix taken off the channel names.</summary>
internal sealed class EventRecorder(ChannelReader<(string Channel, string Message)> reader, string prefix)
{
    /// <summary>The next message; fails the test instead of hanging when none comes.</summary>
    public async Task<(string Channel, string Message)> NextAsync()
    {
        using var guard = new CancellationTokenSource(QueueHarness.HangGuard);
        var (channel, message) = await reader.ReadAsync(guard.Token);
        return (channel[prefix.Length..], message);
    }

    /// <summary>The next message on <paramref name="channel"/> (unprefixed), skipping others.</summary>
    public async Task<string> NextOnAsync(string channel)
    {
        while (true)
        {
            var (c, m) = await NextAsync();
            if (c == channel)
            {
                return m;
            }
        }
    }
}
