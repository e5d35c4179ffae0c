using System.Text;

namespace WhatsTheTab.Silo.Web.Tests.Api;

/// <summary>Reads a <c>text/event-stream</c> body event by event (comments such as <c>: ping</c> are skipped).</summary>
public sealed class SseReader : IDisposable
{
    private readonly StreamReader _reader;

    public SseReader(Stream body)
    {
        _reader = new StreamReader(body, Encoding.UTF8);
    }

    /// <summary>The next event, or null when the server ended the stream.</summary>
    public async Task<SseEvent?> NextAsync(CancellationToken cancellationToken)
    {
        string name = "message";
        string? id = null;
        var data = new StringBuilder();
        var any = false;
        while (await _reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (any)
                {
                    return new SseEvent(name, id, data.ToString());
                }

                continue;
            }

            if (line.StartsWith(':'))
            {
                continue;
            }

            any = true;
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? string.Empty : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "event":
                    name = value;
                    break;
                case "id":
                    id = value;
                    break;
                case "data":
                    if (data.Length > 0)
                    {
                        data.Append('\n');
                    }

                    data.Append(value);
                    break;
            }
        }

        return null;
    }

    public void Dispose() => _reader.Dispose();
}
