using System.Text;

namespace WhatsTheTab.Transcription.Audio;

/// <summary>Drains a child process's stderr in the background, keeping only its last lines so a chatty decoder cannot exhaust memory or block on a full pipe.</summary>
internal sealed class StderrTail
{
    private const int MaxLines = 12;
    private const int MaxLineLength = 400;

    private readonly Queue<string> _lines = new();
    private readonly Lock _gate = new();
    private readonly Task _pump;

    public StderrTail(StreamReader reader)
    {
        _pump = Task.Run(() => PumpAsync(reader));
    }

    /// <summary>Waits (bounded) for the pipe to close, then returns the kept lines joined, or an empty string.</summary>
    public string Text(TimeSpan wait)
    {
        try
        {
            _pump.Wait(wait);
        }
        catch (AggregateException)
        {
            // The pipe broke because the process was killed; what was read so far is still the best explanation.
        }

        lock (_gate)
        {
            var text = new StringBuilder();
            foreach (var line in _lines)
            {
                if (text.Length > 0)
                {
                    text.Append(' ');
                }

                text.Append(line);
            }

            return text.ToString();
        }
    }

    private async Task PumpAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            line = line.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (line.Length > MaxLineLength)
            {
                line = string.Concat(line.AsSpan(0, MaxLineLength), "…");
            }

            lock (_gate)
            {
                _lines.Enqueue(line);
                if (_lines.Count > MaxLines)
                {
                    _lines.Dequeue();
                }
            }
        }
    }
}
