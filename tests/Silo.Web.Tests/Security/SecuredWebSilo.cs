using System.Globalization;
using System.Net.Http.Headers;
using WhatsTheTab.TestSupport.Services;

namespace WhatsTheTab.Silo.Web.Tests.Security;

/// <summary>
/// A web silo of its own in the embedded default with API keys required (alice, bob, and carol whose uploads the
/// rate-limit test spends) and a small upload rate, so the security tests share one start-up.
/// </summary>
public sealed class SecuredWebSilo : IAsyncLifetime
{
    public const string AliceKey = "alice-secret-key-0123456789";
    public const string BobKey = "bob-secret-key-0123456789";
    public const string CarolKey = "carol-secret-key-0123456789";

    /// <summary>Uploads each key may make per minute.</summary>
    public const int UploadsPerMinute = 3;

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"wtt-sec-{Guid.NewGuid():N}");

    public WebSiloProcess Silo { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Silo = WebSiloProcess.Start(new Dictionary<string, string>
        {
            ["Embedded__DataDirectory"] = _dataDirectory,
            ["Embedded__GarnetPort"] = FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture),
            ["Orleans__ClusterId"] = $"sectest-{Guid.NewGuid():N}",
            ["Auth__RequireKeys"] = "true",
            ["Auth__ApiKeys__0"] = "alice:" + AliceKey,
            ["Auth__ApiKeys__1__Id"] = "bob",
            ["Auth__ApiKeys__1__Key"] = BobKey,
            ["Auth__ApiKeys__2"] = "carol=" + CarolKey,
            ["RateLimits__UploadsPerMinute"] = UploadsPerMinute.ToString(CultureInfo.InvariantCulture),
            ["RateLimits__ExemptLoopback"] = "false",
        });
        await Silo.WaitUntilReadyAsync();
    }

    /// <summary>A client sending <c>Authorization: Bearer <paramref name="key"/></c>, or no key.</summary>
    public HttpClient Http(string? key = null)
    {
        var http = new HttpClient { BaseAddress = Silo.BaseAddress };
        if (key is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return http;
    }

    public async Task DisposeAsync()
    {
        if (Silo is not null)
        {
            await Silo.DisposeAsync();
        }

        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
