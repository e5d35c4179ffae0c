using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using WhatsTheTab.Grains.Abstractions.Internal;
using WhatsTheTab.TestSupport.Services;

namespace WhatsTheTab.Silo.Gpu.Tests.TestDoubles;

/// <summary>
/// Test double for the web tier's internal endpoints (the real ones are tested with the web silo): a Kestrel app on a
/// free loopback port that serves <c>GET</c> audio and accepts <c>PUT</c> results as <see cref="InternalApi"/> defines
/// them, checks the worker token, and records every request it received.
/// </summary>
internal sealed class FakeWebTier : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<Guid, byte[]> _audio = new();

    private FakeWebTier(WebApplication app, Uri baseAddress, string token)
    {
        _app = app;
        BaseAddress = baseAddress;
        Token = token;
    }

    public Uri BaseAddress { get; }

    public string Token { get; }

    /// <summary>When set, every audio download is answered with this status.</summary>
    public HttpStatusCode? AudioStatus { get; set; }

    /// <summary>Every request, in arrival order.</summary>
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Every result upload that passed the token check.</summary>
    public ConcurrentQueue<ReceivedResult> Results { get; } = new();

    public static async Task<FakeWebTier> StartAsync(string token)
    {
        var port = FreeTcpPort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var tier = new FakeWebTier(app, new Uri($"http://127.0.0.1:{port}/"), token);
        app.Use(async (context, next) =>
        {
            tier.Requests.Enqueue(new RecordedRequest(
                context.Request.Method,
                context.Request.Path.Value ?? string.Empty,
                context.Request.Host.Value ?? string.Empty,
                context.Request.Headers[InternalApi.TokenHeader].ToString(),
                context.Request.Headers[InternalApi.WorkerHeader].ToString()));
            await next(context);
        });
        app.MapGet(InternalApi.AudioRoute, (Guid id, HttpRequest request) => tier.Audio(id, request));
        app.MapPut(InternalApi.ResultRoute, (Guid id, HttpRequest request) => tier.ResultAsync(id, request));
        await app.StartAsync();
        return tier;
    }

    public void ServeAudio(Guid jobId, byte[] bytes) => _audio[jobId] = bytes;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private IResult Audio(Guid id, HttpRequest request)
    {
        if (request.Headers[InternalApi.TokenHeader] != Token)
        {
            return TypedResults.Unauthorized();
        }

        if (AudioStatus is { } status)
        {
            return TypedResults.StatusCode((int)status);
        }

        return _audio.TryGetValue(id, out var bytes) ? TypedResults.Bytes(bytes, "application/octet-stream") : TypedResults.NotFound();
    }

    private async Task<IResult> ResultAsync(Guid id, HttpRequest request)
    {
        if (request.Headers[InternalApi.TokenHeader] != Token)
        {
            return TypedResults.Unauthorized();
        }

        var form = await request.ReadFormAsync();
        Results.Enqueue(new ReceivedResult(
            id,
            request.Headers[InternalApi.WorkerHeader].ToString(),
            request.ContentType ?? string.Empty,
            await ReadAsync(form.Files["midi"]),
            form.Files["midi"]?.ContentType,
            await ReadAsync(form.Files["notes"]),
            form.Files["notes"]?.ContentType,
            form["summary"].ToString()));
        return TypedResults.Ok(new { applied = true, status = "completed", reason = (string?)null });
    }

    private static async Task<byte[]> ReadAsync(IFormFile? file)
    {
        if (file is null)
        {
            return [];
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer);
        return buffer.ToArray();
    }
}
