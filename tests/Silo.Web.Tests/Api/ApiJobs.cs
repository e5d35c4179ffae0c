using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using WhatsTheTab.Grains.Abstractions.Jobs;

namespace WhatsTheTab.Silo.Web.Tests.Api;

/// <summary>Drives jobs through the public API (and, where no GPU worker runs in these tests, through the grain and the internal result endpoint).</summary>
public static class ApiJobs
{
    public const string WorkerId = "api-test-worker";

    /// <summary>A valid version-1 note list with one note, as a worker stores it.</summary>
    public const string NotesJson =
        """{"version":1,"sampleRate":22050,"pitchBendsPerSemitone":3,"noteCount":1,"notes":[{"start":0.25,"end":0.75,"pitch":60,"name":"C4","velocity":80,"amplitude":0.63,"pitchBends":null}]}""";

    /// <summary>A version-1 note list of (start, end, pitch) notes at velocity 80.</summary>
    public static string NoteList(params (double Start, double End, int Pitch)[] notes)
    {
        var entries = notes.Select(n => string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $$"""{"start":{{n.Start}},"end":{{n.End}},"pitch":{{n.Pitch}},"velocity":80,"amplitude":0.63,"pitchBends":null}"""));
        return $$"""{"version":1,"sampleRate":22050,"pitchBendsPerSemitone":3,"noteCount":{{notes.Length}},"notes":[{{string.Join(',', entries)}}]}""";
    }

    /// <summary>POSTs a one-second WAV to <c>/api/jobs</c> and returns the created job's id (asserting 202).</summary>
    public static async Task<Guid> SubmitAsync(HttpClient http, IReadOnlyDictionary<string, string>? fields = null, string fileName = "clip.wav")
    {
        using var response = await UploadForm.PostAsync(http, "/api/jobs", UploadForm.Create(TestAudio.Wav(1.0), fileName, fields: fields));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"POST /api/jobs answered {(int)response.StatusCode}: {body}");
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("id").GetGuid();
    }

    public static async Task<JsonElement> GetJsonAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {body}");
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }

    /// <summary>Plays a worker: claims the job on its grain, reports a chunk, and delivers a result through the internal endpoint.</summary>
    public static async Task CompleteAsync(PostgresWebSilo fixture, Guid jobId, string notesJson = NotesJson)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var grain = fixture.Grains.GetGrain<ITranscriptionGrain>(jobId);
        Assert.True((await grain.ClaimedAsync(new JobClaim(WorkerId, 1, DateTimeOffset.UtcNow))).Applied);
        await grain.ProgressAsync(new JobProgress(WorkerId, 1, 2));
        await grain.ProgressAsync(new JobProgress(WorkerId, 2, 2));
        using var worker = fixture.Http();
        var form = ResultForm.Create(notes: false);
        var notes = new ByteArrayContent(Encoding.UTF8.GetBytes(notesJson));
        notes.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        form.Add(notes, "notes", "notes.json");
        using var response = await ResultForm.PutAsync(worker, jobId, WorkerId, form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"PUT result answered {(int)response.StatusCode}: {body}");
        Assert.Contains("\"applied\":true", body, StringComparison.Ordinal);
    }
}
