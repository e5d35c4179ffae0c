using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using WhatsTheTab.Silo.Web.Hosting;
using WhatsTheTab.Transcription.Audio;

namespace WhatsTheTab.Silo.Web.Uploads;

/// <summary>
/// Reads a multipart/form-data upload without buffering it: the audio part streams to a private temp file under the
/// size cap while it is hashed and sniffed (non-audio content is refused at the first bytes), the other parts are
/// collected as small text fields. Then <see cref="ProbeAsync"/> reads the duration and enforces the length limit.
/// Every refusal is an <see cref="UploadRejectedException"/> carrying the status and the message for the client.
/// </summary>
public sealed partial class UploadReceiver
{
    private const int SniffLength = 64;
    private const int MaxFields = 64;
    private const int MaxFieldChars = 4096;
    private const int MaxFileNameChars = 255;

    // Room for the multipart framing and the option fields around the file itself.
    private const long MultipartOverhead = 1 << 20;

    private readonly UploadOptions _options;
    private readonly ILogger<UploadReceiver> _logger;
    private readonly string _tempDirectory;

    public UploadReceiver(IOptions<UploadOptions> options, ILogger<UploadReceiver> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _logger = logger;
        _tempDirectory = Path.Combine(Path.GetTempPath(), "whatsthetab-uploads");
    }

    /// <summary>The largest accepted file, in bytes.</summary>
    public long MaxBytes => _options.MaxBytes;

    /// <summary>The longest accepted audio, in seconds.</summary>
    public double MaxSeconds => _options.MaxSeconds;

    /// <summary>
    /// Reads the request body: the file in <paramref name="fileField"/> (exactly one, non-empty, recognisably audio)
    /// and every other text field. Raises this request's body size limit to the upload cap first.
    /// </summary>
    /// <exception cref="UploadRejectedException">The request is not a usable upload; the message says why.</exception>
    public async Task<ReceivedUpload> ReceiveAsync(HttpContext context, string fileField, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeLimit)
        {
            sizeLimit.MaxRequestBodySize = MaxBytes + MultipartOverhead;
        }

        if (request.ContentLength > MaxBytes + MultipartOverhead)
        {
            throw TooLarge();
        }

        var boundary = MultipartBoundary(request.ContentType, fileField);
        var reader = new MultipartReader(boundary, request.Body) { HeadersLengthLimit = 16 * 1024, HeadersCountLimit = 16 };
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        ReceivedUpload? upload = null;
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                {
                    throw BadRequest("Malformed multipart body", "A multipart section has no 'Content-Disposition: form-data' header.");
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? string.Empty;
                if (disposition.IsFileDisposition())
                {
                    if (!string.Equals(name, fileField, StringComparison.Ordinal))
                    {
                        throw BadRequest("Unexpected file field", $"Unexpected file field '{Shorten(name)}': send the audio file in the form field '{fileField}'.");
                    }

                    if (upload is not null)
                    {
                        throw BadRequest("More than one file", $"The form field '{fileField}' holds more than one file; send exactly one audio file.");
                    }

                    upload = await SpoolAsync(section.Body, ClientFileName(disposition), fields, cancellationToken);
                }
                else
                {
                    if (fields.Count >= MaxFields)
                    {
                        throw BadRequest("Too many form fields", $"The form has more than {MaxFields} fields.");
                    }

                    fields[name] = await ReadFieldAsync(section.Body, name, cancellationToken);
                }
            }
        }
        catch (Exception ex)
        {
            if (upload is not null)
            {
                await upload.DisposeAsync();
            }

            if (Rejection(ex, context.RequestAborted) is { } rejection)
            {
                throw rejection;
            }

            throw;
        }

        if (upload is null)
        {
            throw BadRequest("Missing file", $"No file in the form field '{fileField}': send the audio as multipart/form-data with a file part named '{fileField}'.");
        }

        return upload;
    }

    /// <summary>
    /// Probes the spooled audio for its duration (WAV headers natively, everything else through ffprobe) and checks it
    /// against the length limit; deletes nothing (the caller owns <paramref name="upload"/>).
    /// </summary>
    /// <exception cref="UploadRejectedException">The audio cannot be decoded, has no known duration, or is too long.</exception>
    public async Task<double> ProbeAsync(ReceivedUpload upload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upload);
        AudioInfo info;
        try
        {
            info = await Task.Run(() => AudioReader.Probe(upload.TempPath), cancellationToken);
        }
        catch (AudioDecodeException ex)
        {
            // The reader names the temp file; the client knows its file by the name it sent.
            var message = ex.Message.Replace(Path.GetFileName(upload.TempPath), upload.FileName, StringComparison.Ordinal);
            LogUndecodable(_logger, upload.FileName, ex.Kind, message);
            throw ex.Kind switch
            {
                AudioErrorKind.UnrecognizedFormat => new UploadRejectedException(StatusCodes.Status415UnsupportedMediaType, "Not an audio file", message, ex),
                AudioErrorKind.Empty => BadRequest("Empty file", message, ex),
                _ => new UploadRejectedException(StatusCodes.Status422UnprocessableEntity, "Undecodable audio", message, ex),
            };
        }

        if (info.DurationSeconds is not { } seconds || !double.IsFinite(seconds) || seconds < 0)
        {
            throw new UploadRejectedException(
                StatusCodes.Status422UnprocessableEntity,
                "Unknown duration",
                $"The length of '{upload.FileName}' could not be determined from its {info.Container} header, so the {MaxSeconds:0.#} s limit cannot be checked.");
        }

        if (seconds > MaxSeconds)
        {
            throw new UploadRejectedException(
                StatusCodes.Status413PayloadTooLarge,
                "Audio too long",
                string.Create(CultureInfo.InvariantCulture, $"The audio is {seconds:0.#} s long; the limit is {MaxSeconds:0.#} s."));
        }

        return seconds;
    }

    private async Task<ReceivedUpload> SpoolAsync(Stream body, string fileName, IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_tempDirectory);
        var tempPath = Path.Combine(_tempDirectory, Guid.NewGuid().ToString("N") + ".upload");
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        var header = new byte[SniffLength];
        var headerLength = 0;
        long size = 0;
        var container = AudioContainer.Unknown;
        var sniffed = false;
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using (var file = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16, FileOptions.Asynchronous))
            {
                int read;
                while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    size += read;
                    if (size > MaxBytes)
                    {
                        throw TooLarge();
                    }

                    if (!sniffed)
                    {
                        var take = Math.Min(read, SniffLength - headerLength);
                        buffer.AsSpan(0, take).CopyTo(header.AsSpan(headerLength));
                        headerLength += take;
                        if (headerLength == SniffLength)
                        {
                            container = Sniff(header, headerLength, fileName);
                            sniffed = true;
                        }
                    }

                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }

            if (size == 0)
            {
                throw BadRequest("Empty file", $"The uploaded file '{fileName}' is empty (0 bytes).");
            }

            if (!sniffed)
            {
                container = Sniff(header, headerLength, fileName);
            }

            // The fields dictionary is shared: parts after the file still land in it.
            return new ReceivedUpload(tempPath, fileName, size, Convert.ToHexStringLower(hash.GetHashAndReset()), container, fields);
        }
        catch
        {
            TryDelete(tempPath);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static AudioContainer Sniff(byte[] header, int length, string fileName)
    {
        var span = header.AsSpan(0, length);
        var container = AudioReader.Sniff(span);

        // A RIFF header cut short is a truncated WAV: let the probe say exactly that instead of "not audio".
        if (container == AudioContainer.Unknown && length < 12 && (span.StartsWith("RIFF"u8) || span.StartsWith("RF64"u8)))
        {
            return AudioContainer.Wav;
        }

        if (container == AudioContainer.Unknown)
        {
            throw new UploadRejectedException(
                StatusCodes.Status415UnsupportedMediaType,
                "Not an audio file",
                $"'{fileName}' is not an audio file: its content is not WAV, MP3, FLAC, Ogg Vorbis/Opus, M4A/AAC, AIFF or WebM, whatever its name says.");
        }

        return container;
    }

    private static async Task<string> ReadFieldAsync(Stream body, string name, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 1024, leaveOpen: true);
        var chars = new char[MaxFieldChars + 1];
        var total = 0;
        int read;
        while (total < chars.Length && (read = await reader.ReadAsync(chars.AsMemory(total), cancellationToken)) > 0)
        {
            total += read;
        }

        if (total > MaxFieldChars)
        {
            throw BadRequest("Form field too long", $"The form field '{Shorten(name)}' is longer than {MaxFieldChars} characters.");
        }

        return new string(chars, 0, total);
    }

    private static string MultipartBoundary(string? contentType, string fileField)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType) || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            throw new UploadRejectedException(
                StatusCodes.Status415UnsupportedMediaType,
                "Expected multipart/form-data",
                $"Send the audio as multipart/form-data with the file in the field '{fileField}' (got Content-Type '{Shorten(contentType ?? "none")}').");
        }

        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrWhiteSpace(boundary) || boundary.Length > 200)
        {
            throw BadRequest("Malformed multipart body", "The multipart/form-data Content-Type has no usable boundary parameter.");
        }

        return boundary;
    }

    private static string ClientFileName(ContentDispositionHeaderValue disposition)
    {
        var raw = HeaderUtilities.RemoveQuotes(disposition.FileNameStar).Value;
        if (string.IsNullOrEmpty(raw))
        {
            raw = HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
        }

        // Display only: drop any directory part (either separator) and control characters, cap the length.
        raw ??= string.Empty;
        var lastSeparator = raw.LastIndexOfAny(['/', '\\']);
        var name = new string(raw[(lastSeparator + 1)..].Where(c => !char.IsControl(c)).ToArray()).Trim();
        if (name.Length > MaxFileNameChars)
        {
            name = name[..MaxFileNameChars];
        }

        return name.Length == 0 || name is "." or ".." ? "audio" : name;
    }

    // What a failure while reading the body means for the client; null when it is not the client's doing.
    private UploadRejectedException? Rejection(Exception exception, CancellationToken aborted) => exception switch
    {
        UploadRejectedException => null,
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => TooLarge(exception),
        BadHttpRequestException bad => BadRequest("Malformed request body", $"The request body could not be read: {bad.Message}", exception),
        InvalidDataException => BadRequest("Malformed multipart body", $"The multipart body is malformed: {exception.Message}", exception),
        IOException when !aborted.IsCancellationRequested =>
            BadRequest("Malformed multipart body", "The multipart body is malformed or was cut off before its closing boundary.", exception),
        _ => null,
    };

    private UploadRejectedException TooLarge(Exception? inner = null) =>
        new(
            StatusCodes.Status413PayloadTooLarge,
            "File too large",
            string.Create(CultureInfo.InvariantCulture, $"The upload is larger than the limit of {MaxBytes} bytes ({MaxBytes / (1024.0 * 1024.0):0.#} MiB)."),
            inner);

    private static UploadRejectedException BadRequest(string title, string detail, Exception? inner = null) =>
        new(StatusCodes.Status400BadRequest, title, detail, inner);

    private static string Shorten(string value) => value.Length <= 64 ? value : value[..64] + "…";

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Upload {FileName} rejected as {Kind}: {Reason}")]
    private static partial void LogUndecodable(ILogger logger, string fileName, AudioErrorKind kind, string reason);
}
