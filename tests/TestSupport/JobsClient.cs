using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace WhatsTheTab.TestSupport;

/// <summary>
/// The public REST API as a client uses it: submit a file, poll, download. Polling rides out a web silo or Redis that
/// is restarting (connection errors and 5xx are retried until the deadline, then it fails with the last state seen).
/// </summary>
public sealed class JobsClient(HttpClient http)
{
    /// <summary>Uploads <paramref name="path"/> with <paramref name="options"/> as form fields; fails unless 202.</summary>
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
        if (response.StatusCode != System.Net.HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"POST /api/jobs for {Path.GetFileName(path)}: {(int)response.StatusCode} {body}");
        }

        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("id").GetGuid();
    }

    /// <summary>The job as <c>GET /api/jobs/{id}</c> returns it; fails on any non-success answer.</summary>
    public async Task<JsonElement> GetAsync(Guid id)
    {
        using var response = await http.GetAsync(new Uri($"/api/jobs/{id:D}", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone();
    }

    /// <summary>The job, or null while the web tier cannot answer (restarting).</summary>
    public async Task<JsonElement?> TryGetAsync(Guid id)
    {
        try
        {
            using var response = await http.GetAsync(new Uri($"/api/jobs/{id:D}", UriKind.Relative));
            return response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone() : null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Polls until the job is completed, failed or cancelled.</summary>
    public Task<JsonElement> WaitUntilFinishedAsync(Guid id, TimeSpan timeout) =>
        WaitUntilAsync(id, job => job.GetProperty("status").GetString() is "completed" or "failed" or "cancelled", timeout, "finished");

    /// <summary>Polls until <paramref name="condition"/> holds for the job; returns it.</summary>
    public async Task<JsonElement> WaitUntilAsync(Guid id, Func<JsonElement, bool> condition, TimeSpan timeout, string what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + timeout;
        JsonElement? last = null;
        while (true)
        {
            var job = await TryGetAsync(id);
            last = job ?? last;
            if (job is { } found && condition(found))
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"job {id}: not {what} after {timeout.TotalSeconds:F0} s: {last}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The job's MIDI file (fails unless 200 with <c>audio/midi</c>).</summary>
    public async Task<byte[]> MidiAsync(Guid id)
    {
        using var response = await http.GetAsync(new Uri($"/api/jobs/{id:D}/midi", UriKind.Relative));
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"GET /api/jobs/{id}/midi answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        if (response.Content.Headers.ContentType?.MediaType != "audio/midi")
        {
            throw new InvalidOperationException($"GET /api/jobs/{id}/midi answered {response.Content.Headers.ContentType}.");
        }

        return await response.Content.ReadAsByteArrayAsync();
    }
}
