using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WhatsTheTab.Grains.Abstractions.Internal;
using WhatsTheTab.Silo.Gpu.Configuration;

namespace WhatsTheTab.Silo.Gpu.Worker;

/// <summary>
/// Delivers a result to the web tier: <c>PUT</c> <see cref="InternalApi.ResultPath"/> as multipart/form-data with the
/// files <c>midi</c> and <c>notes</c> and the JSON field <c>summary</c>, with the worker token and the worker id headers.
/// </summary>
public sealed partial class ResultUploader
{
    /// <summary>How the <c>summary</c> field is written: camelCase (<c>noteCount</c>, <c>lowestPitch</c>, …), ASP.NET Core's web defaults.</summary>
    public static readonly JsonSerializerOptions SummaryJson = new(JsonSerializerDefaults.Web);

    private readonly HttpClient _http;
    private readonly WorkerOptions _options;
    private readonly ILogger _logger;

    public ResultUploader(HttpClient http, IOptions<WorkerOptions> options, ILogger<ResultUploader> logger)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>
    /// Uploads the result of <paramref name="jobId"/>; returns the web tier's receipt. Throws <see cref="WebTierException"/>
    /// for an error answer, <see cref="TimeoutException"/> when the upload takes too long.
    /// </summary>
    public async Task<ResultReceipt> UploadAsync(Guid jobId, string workerId, ResultFiles files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        var uri = InternalEndpoint.For(_options, InternalApi.ResultPath(jobId));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.UploadTimeout);
        try
        {
            using var form = new MultipartFormDataContent();
            var midi = new ReadOnlyMemoryContent(files.Midi);
            midi.Headers.ContentType = new MediaTypeHeaderValue("audio/midi");
            form.Add(midi, "midi", $"{jobId:D}.mid");
            var notes = new ReadOnlyMemoryContent(files.NotesJson);
            notes.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            form.Add(notes, "notes", "notes.json");
            form.Add(new StringContent(JsonSerializer.Serialize(files.Summary, SummaryJson), System.Text.Encoding.UTF8, "application/json"), "summary");

            using var request = new HttpRequestMessage(HttpMethod.Put, uri) { Content = form };
            request.Headers.Add(InternalApi.TokenHeader, _options.Token);
            request.Headers.Add(InternalApi.WorkerHeader, workerId);
            using var response = await _http.SendAsync(request, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw WebTierException.ForStatus($"Uploading the result of job {jobId}", response.StatusCode);
            }

            var receipt = await ReadReceiptAsync(response, timeout.Token);
            LogUploaded(_logger, jobId, workerId, files.Midi.Length, files.NotesJson.Length, receipt.Applied, receipt.Reason);
            return receipt;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"Uploading the result of job {jobId} took longer than {_options.UploadTimeout}.");
        }
    }

    private static async Task<ResultReceipt> ReadReceiptAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        // A 2xx without a JSON body still means the web tier took the result.
        if (response.Content.Headers.ContentType?.MediaType is not { } mediaType || !mediaType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return new ResultReceipt(true, null, null);
        }

        try
        {
            return await response.Content.ReadFromJsonAsync<ResultReceipt>(SummaryJson, cancellationToken) ?? new ResultReceipt(true, null, null);
        }
        catch (JsonException)
        {
            return new ResultReceipt(true, null, null);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Uploaded the result of job {JobId} from {WorkerId} (MIDI {MidiBytes} bytes, notes {NotesBytes} bytes): applied {Applied} {Reason}")]
    private static partial void LogUploaded(ILogger logger, Guid jobId, string workerId, int midiBytes, int notesBytes, bool applied, string? reason);
}
