using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace WhatsTheTab.Silo.Web.Tests.BadInput;

/// <summary>
/// Sends bytes HttpClient refuses to send (non-ASCII header values, a body shorter than its Content-Length) over a
/// plain socket with <c>Connection: close</c>, and reads the whole answer.
/// </summary>
internal static class RawHttp
{
    /// <summary>
    /// Writes <paramref name="head"/> (request line and headers, without the blank line) and <paramref name="body"/>;
    /// then reads until the server closes.
    /// </summary>
    public static async Task<BadInputResponse> SendAsync(Uri baseAddress, string head, byte[] body)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var client = new TcpClient();
        await client.ConnectAsync(baseAddress.Host, baseAddress.Port, timeout.Token);
        var stream = client.GetStream();
        var request = Encoding.UTF8.GetBytes($"{head}\r\nHost: {baseAddress.Authority}\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(request, timeout.Token);
        await stream.WriteAsync(body, timeout.Token);
        await stream.FlushAsync(timeout.Token);
        using var received = new MemoryStream();
        try
        {
            await stream.CopyToAsync(received, timeout.Token);
        }
        catch (IOException) when (received.Length > 0)
        {
            // A reset after the answer was written: the answer is what counts.
        }

        return Parse(received.ToArray());
    }

    /// <summary>
    /// Starts a request whose Content-Length promises more than is sent, then shuts the sending side, like a client
    /// that died mid-upload; returns the status if the server answered at all (it need not, the client is gone).
    /// </summary>
    public static async Task<int?> HangUpAsync(Uri baseAddress, string head, byte[] partialBody)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var client = new TcpClient();
        await client.ConnectAsync(baseAddress.Host, baseAddress.Port, timeout.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"{head}\r\nHost: {baseAddress.Authority}\r\nConnection: close\r\n\r\n"), timeout.Token);
        await stream.WriteAsync(partialBody, timeout.Token);
        client.Client.Shutdown(SocketShutdown.Send);
        using var received = new MemoryStream();
        try
        {
            await stream.CopyToAsync(received, timeout.Token);
        }
        catch (IOException)
        {
            // Reset by the server: fine, the client is gone as far as it knows.
        }

        return received.Length > 0 ? Parse(received.ToArray()).Status : null;
    }

    private static BadInputResponse Parse(byte[] raw)
    {
        var end = raw.AsSpan().IndexOf("\r\n\r\n"u8);
        Assert.True(end > 0, $"No HTTP response came back: '{Encoding.UTF8.GetString(raw)}'");
        var lines = Encoding.ASCII.GetString(raw, 0, end).Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        string? mediaType = null;
        var chunked = false;
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                mediaType = value.Split(';')[0].Trim();
            }
            else if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                chunked = value.Contains("chunked", StringComparison.OrdinalIgnoreCase);
            }
        }

        var body = raw.AsSpan(end + 4).ToArray();
        return new BadInputResponse(status, mediaType, Encoding.UTF8.GetString(chunked ? Dechunk(body) : body));
    }

    private static byte[] Dechunk(byte[] body)
    {
        using var result = new MemoryStream();
        var position = 0;
        while (position < body.Length)
        {
            var lineEnd = body.AsSpan(position).IndexOf("\r\n"u8);
            if (lineEnd < 0)
            {
                break;
            }

            var sizeText = Encoding.ASCII.GetString(body, position, lineEnd).Split(';')[0];
            var size = int.Parse(sizeText, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                break;
            }

            var start = position + lineEnd + 2;
            result.Write(body, start, Math.Min(size, body.Length - start));
            position = start + size + 2;
        }

        return result.ToArray();
    }
}
