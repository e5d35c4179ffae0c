using System.Net;
using System.Net.Sockets;

namespace WhatsTheTab.TestSupport.Services;

/// <summary>Finds a loopback TCP port nobody listens on, for a test server to bind.</summary>
public static class FreeTcpPort
{
    /// <summary>A port the OS just handed out for 127.0.0.1 (free at the time of the call).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
