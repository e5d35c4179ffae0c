using System.Net.Http.Headers;

namespace WhatsTheTab.Silo.Web.Tests.Api;

/// <summary>Builds multipart/form-data upload bodies the way clients send them.</summary>
public static class UploadForm
{
    public static MultipartFormDataContent Create(
        byte[]? file, string fileName = "clip.wav", string field = "file", IReadOnlyDictionary<string, string>? fields = null)
    {
        var form = new MultipartFormDataContent();
        if (file is not null)
        {
            var content = new ByteArrayContent(file);
            content.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
            form.Add(content, field, fileName);
        }

        foreach (var (name, value) in fields ?? new Dictionary<string, string>())
        {
            form.Add(new StringContent(value), name);
        }

        return form;
    }

    /// <summary>POSTs an upload to <paramref name="path"/>, optionally with an <c>Idempotency-Key</c>.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient http, string path, MultipartFormDataContent form, string? idempotencyKey = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = form };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await http.SendAsync(request);
    }
}
