using System.Net;
using System.Net.Sockets;

namespace WhatsTheTab.TestSupport.Services;

/// <summary>Finds a loopback TCP port nobody listens on, for a test server to bind.</summary>
/// <remarks>
/// The OS may hand the same free port out again as soon as it was released, so two servers started one after the
/// other (a silo's HTTP port and its embedded Garnet's) could be given the same one; a port is therefore never handed
/// out twice by one test process.
/// </remarks>
public static class FreeTcpPort
{
    private static readonly HashSet<int> HandedOut = [];

    /// <summary>A port the OS just handed out for 127.0.0.1 (free at the time of the call), not handed out before by this process.</summary>
    public static int Next()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            lock (HandedOut)
            {
                if (HandedOut.Add(port))
                {
                    return port;
                }
            }
        }
    }
}
