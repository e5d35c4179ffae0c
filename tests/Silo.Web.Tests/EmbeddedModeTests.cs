using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using WhatsTheTab.Grains.Abstractions.Jobs;
using WhatsTheTab.Storage.Media;
using WhatsTheTab.TestSupport.Services;

namespace WhatsTheTab.Silo.Web.Tests;

/// <summary>
/// The embedded default: no Redis, no PostgreSQL, no token configured (only free ports and a data folder, so the test
/// does not collide with anything on this machine). Garnet runs in-process; state survives a crash of the process.
/// </summary>
public sealed class EmbeddedModeTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("whatsthetab-embedded-").FullName;

    [Fact]
    public async Task EmbeddedDefault_StartsWithoutConfiguration_AndJobStateSurvivesAKill()
    {
        var garnetPort = FreeTcpPort.Next();
        var clusterId = "whatsthetab";
        await using var silo = WebSiloProcess.Start(new Dictionary<string, string>
        {
            ["Embedded__DataDirectory"] = _data,
            ["Embedded__GarnetPort"] = garnetPort.ToString(CultureInfo.InvariantCulture),
        });
        await silo.WaitUntilReadyAsync();
        Assert.Contains("embedded default mode", silo.Output(), StringComparison.Ordinal);
        if (Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") is null)
        {
            Assert.Contains("malloc arenas: at most 2", silo.Output(), StringComparison.Ordinal); // Hosting/MallocArenas.cs
        }

        // the worker token was made and kept with the data, for a GPU silo on this machine to read
        var token = (await File.ReadAllTextAsync(Path.Combine(_data, "worker-token"))).Trim();
        Assert.True(token.Length >= 32);

        var garnet = $"127.0.0.1:{garnetPort.ToString(CultureInfo.InvariantCulture)}";
        var media = new FileSystemMediaStore(Path.Combine(_data, "media"), NullLogger<FileSystemMediaStore>.Instance);
        byte[] audio = [.. "RIFF"u8, 4, 3, 2, 1];
        var id = Guid.NewGuid();
        await using (var client = await OrleansTestClient.ConnectAsync(garnet, clusterId))
        {
            using var content = new MemoryStream(audio);
            var stored = await media.SaveAsync("audio", content, "audio/wav", CancellationToken.None);
            var grain = client.Grains.GetGrain<ITranscriptionGrain>(id);
            await grain.SubmitAsync(new JobSubmission("kept.wav", audio.Length, 0.5, stored.Key, new JobOptions(), null, DateTimeOffset.UtcNow));
            Assert.True((await grain.ClaimedAsync(new JobClaim("gpu-embedded", 1, DateTimeOffset.UtcNow))).Applied);
        }

        silo.Kill();
        silo.Restart();
        await silo.WaitUntilReadyAsync();

        await using (var client = await OrleansTestClient.ConnectAsync(garnet, clusterId))
        {
            var job = await client.Grains.GetGrain<ITranscriptionGrain>(id).GetAsync();
            Assert.NotNull(job);
            Assert.Equal("kept.wav", job.FileName);
            Assert.Equal(JobStatus.Processing, job.Status);
            Assert.Equal("gpu-embedded", job.WorkerId);
        }

        // the internal endpoints use the kept token, and the audio on disk survived too
        using var http = new HttpClient { BaseAddress = silo.BaseAddress };
        http.DefaultRequestHeaders.Add("X-Worker-Token", token);
        using var response = await http.GetAsync(new Uri($"/internal/jobs/{id:D}/audio", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(audio, await response.Content.ReadAsByteArrayAsync());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // a temp folder left behind is harmless
        }
    }
}
