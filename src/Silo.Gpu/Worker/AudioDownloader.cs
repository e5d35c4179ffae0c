using System.Buffers;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WhatsTheTab.Grains.Abstractions.Internal;
using WhatsTheTab.Silo.Gpu.Configuration;

namespace WhatsTheTab.Silo.Gpu.Worker;

/// <summary>
/// Downloads a job's audio from the web tier (typed client: its base address is <see cref="WorkerOptions.WebBaseAddress"/>)
/// to a temporary file, with the worker token, a size limit and a timeout. The URL is always the configured base plus
/// <see cref="InternalApi.AudioPath"/>; nothing from a task payload ever reaches it.
/// </summary>
public sealed partial class AudioDownloader
{
    private readonly HttpClient _http;
    private readonly WorkerOptions _options;
    private readonly ILogger _logger;

    public AudioDownloader(HttpClient http, IOptions<WorkerOptions> options, ILogger<AudioDownloader> logger)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>
    /// Writes the audio of <paramref name="jobId"/> to a new file in the worker's temp folder and returns its path (the
    /// caller deletes it). Throws <see cref="WebTierException"/> for an error answer or an over-size file,
    /// <see cref="TimeoutException"/> when the download takes too long.
    /// </summary>
    public async Task<string> DownloadAsync(Guid jobId, string workerId, CancellationToken cancellationToken)
    {
        var uri = InternalEndpoint.For(_options, InternalApi.AudioPath(jobId));
        var folder = Directory.CreateDirectory(_options.ResolveTempDirectory()).FullName;
        var path = Path.Combine(folder, $"{jobId:N}-{Guid.NewGuid():N}.audio");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.DownloadTimeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.Add(InternalApi.TokenHeader, _options.Token);
            request.Headers.Add(InternalApi.WorkerHeader, workerId);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw WebTierException.ForStatus($"Downloading the audio of job {jobId}", response.StatusCode);
            }

            if (response.Content.Headers.ContentLength is { } length && length > _options.MaxAudioBytes)
            {
                throw TooLarge(length);
            }

            long written = 0;
            await using (var source = await response.Content.ReadAsStreamAsync(timeout.Token))
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
                try
                {
                    int read;
                    while ((read = await source.ReadAsync(buffer, timeout.Token)) > 0)
                    {
                        written += read;
                        if (written > _options.MaxAudioBytes)
                        {
                            throw TooLarge(written);
                        }

                        await file.WriteAsync(buffer.AsMemory(0, read), timeout.Token);
                    }
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }

            LogDownloaded(_logger, jobId, written);
            return path;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && timeout.IsCancellationRequested)
        {
            File.Delete(path);
            throw new TimeoutException($"Downloading the audio of job {jobId} took longer than {_options.DownloadTimeout}.");
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    private WebTierException TooLarge(long bytes) =>
        new($"The audio is larger than this worker accepts ({bytes} bytes > Worker:MaxAudioBytes {_options.MaxAudioBytes}).", HttpStatusCode.RequestEntityTooLarge, permanent: true);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Downloaded {Bytes} bytes of audio for job {JobId}")]
    private static partial void LogDownloaded(ILogger logger, Guid jobId, long bytes);
}
