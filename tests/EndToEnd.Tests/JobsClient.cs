using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace WhatsTheTab.EndToEnd.Tests;

/// <summary>The public REST API as a client uses it: submit a file, poll, download.</summary>
internal sealed class JobsClient(HttpClient http)
{
    public async Task<Guid> SubmitAsync(string path, IReadOnlyDictionary<string, string>? options = null)
    {
        using var form = new MultipartFormDataContent();
        await using var file = File.OpenRead(path);
        var content = new StreamContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, "file", Path.GetFileName(path));
        foreach (var (key, value) in options ?? new Dictionary<string, string>())
        {
            form.Add(new StringContent(value), key);
        }

        using var response = await http.PostAsync(new Uri("/api/jobs", UriKind.Relative), form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, $"POST /api/jobs for {Path.GetFileName(path)}: {(int)response.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("id").GetGuid();
    }

    public async Task<JsonElement> GetAsync(Guid id)
    {
        using var response = await http.GetAsync(new Uri($"/api/jobs/{id:D}", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone();
    }

    /// <summary>Polls until the job is completed, failed or cancelled (or the time is up: then it fails with the last state).</summary>
    public async Task<JsonElement> WaitUntilFinishedAsync(Guid id, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var job = await GetAsync(id);
            var status = job.GetProperty("status").GetString();
            if (status is "completed" or "failed" or "cancelled")
            {
                return job;
            }

            Assert.True(DateTime.UtcNow < deadline, $"job {id} still {status} after {timeout.TotalSeconds:F0} s: {job}");
            await Task.Delay(250);
        }
    }

    public async Task<byte[]> MidiAsync(Guid id)
    {
        using var response = await http.GetAsync(new Uri($"/api/jobs/{id:D}/midi", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        Assert.Equal("audio/midi", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }
}
