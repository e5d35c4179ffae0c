using WhatsTheTab.Silo.Web.Tests.Api;

namespace WhatsTheTab.Silo.Web.Tests.BadInput;

/// <summary>The silo a bad-input case talks to: an HttpClient for it, its address for raw sockets, and per-case scratch state.</summary>
internal sealed class BadInputTarget
{
    public BadInputTarget(HttpClient http, Uri baseAddress)
    {
        Http = http;
        BaseAddress = baseAddress;
    }

    public HttpClient Http { get; }

    public Uri BaseAddress { get; }

    /// <summary>A value a case's setup hands to its request (e.g. an Idempotency-Key already used).</summary>
    public string Scratch { get; set; } = string.Empty;

    public async Task<BadInputResponse> GetAsync(string path) =>
        await BadInputResponse.ReadAsync(await Http.GetAsync(new Uri(path, UriKind.Relative)));

    public async Task<BadInputResponse> SendAsync(HttpMethod method, string path)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        return await BadInputResponse.ReadAsync(await Http.SendAsync(request));
    }

    public async Task<BadInputResponse> PostAsync(string path, HttpContent content)
    {
        using (content)
        {
            return await BadInputResponse.ReadAsync(await Http.PostAsync(new Uri(path, UriKind.Relative), content));
        }
    }

    /// <summary>Uploads <paramref name="file"/> as <paramref name="fileName"/> in the field <paramref name="field"/> with option fields.</summary>
    public async Task<BadInputResponse> UploadAsync(
        byte[]? file, string fileName = "clip.wav", string field = "file", IReadOnlyDictionary<string, string>? fields = null,
        string path = "/api/jobs", string? idempotencyKey = null)
    {
        using var form = UploadForm.Create(file, fileName, field, fields);
        return await BadInputResponse.ReadAsync(await UploadForm.PostAsync(Http, path, form, idempotencyKey));
    }

    /// <summary>POSTs <paramref name="body"/> verbatim (one byte a character) with <paramref name="contentType"/> (a raw multipart body, say).</summary>
    public Task<BadInputResponse> PostRawAsync(string path, string body, string? contentType)
    {
        var content = new ByteArrayContent(System.Text.Encoding.Latin1.GetBytes(body));
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        return PostAsync(path, content);
    }
}
