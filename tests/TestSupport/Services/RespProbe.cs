using System.Net.Sockets;
using System.Text;

namespace WhatsTheTab.TestSupport.Services;

/// <summary>Asks a Redis-protocol server for PONG without a client library, to tell when a started server is ready.</summary>
public static class RespProbe
{
    /// <summary>True when 127.0.0.1:<paramref name="port"/> answers PING with PONG.</summary>
    public static bool Ping(int port)
    {
        try
        {
            using var client = new TcpClient { ReceiveTimeout = 1000, SendTimeout = 1000 };
            client.Connect("127.0.0.1", port);
            using var stream = client.GetStream();
            stream.Write("PING\r\n"u8);
            var buffer = new byte[64];
            var read = stream.Read(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Waits until the server answers PING; throws with <paramref name="describeFailure"/>'s text after <paramref name="timeout"/>.</summary>
    public static void WaitUntilReady(int port, TimeSpan timeout, Func<string> describeFailure, Func<bool>? hasExited = null)
    {
        ArgumentNullException.ThrowIfNull(describeFailure);
        var deadline = DateTime.UtcNow + timeout;
        while (!Ping(port))
        {
            if (hasExited?.Invoke() == true)
            {
                throw new InvalidOperationException($"The server on port {port} exited before answering PING. {describeFailure()}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The server on port {port} did not answer PING within {timeout}. {describeFailure()}");
            }

            Thread.Sleep(20);
        }
    }
}
