using System.Net.Http.Headers;
using System.Text;

namespace WhatsTheTab.Silo.Web.Tests;

/// <summary>Builds the multipart body of <c>PUT /internal/jobs/{id}/result</c> the way a worker sends it.</summary>
public static class ResultForm
{
    /// <summary>A tiny but well-formed MIDI file (header chunk and one empty track).</summary>
    public static byte[] Midi { get; } =
    [
        .. "MThd"u8, 0, 0, 0, 6, 0, 1, 0, 1, 1, 224,
        .. "MTrk"u8, 0, 0, 0, 4, 0, 255, 47, 0,
    ];

    public const string NotesJson = """[{"pitch":60,"start":0.0,"end":0.5,"velocity":80}]""";

    public const string SummaryJson = """{"note_count":1,"lowest_pitch":60,"highest_pitch":60,"audio_seconds":1.5,"processing_seconds":0.2}""";

    public static MultipartFormDataContent Create(bool midi = true, bool notes = true, string? summary = SummaryJson)
    {
        var form = new MultipartFormDataContent();
        if (midi)
        {
            var file = new ByteArrayContent(Midi);
            file.Headers.ContentType = new MediaTypeHeaderValue("audio/midi");
            form.Add(file, "midi", "result.mid");
        }

        if (notes)
        {
            var file = new ByteArrayContent(Encoding.UTF8.GetBytes(NotesJson));
            file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            form.Add(file, "notes", "notes.json");
        }

        if (summary is not null)
        {
            form.Add(new StringContent(summary, Encoding.UTF8, "application/json"), "summary");
        }

        return form;
    }

    /// <summary>PUTs a result for <paramref name="jobId"/> as <paramref name="workerId"/>.</summary>
    public static async Task<HttpResponseMessage> PutAsync(HttpClient http, Guid jobId, string workerId, MultipartFormDataContent? form = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri($"/internal/jobs/{jobId:D}/result", UriKind.Relative))
        {
            Content = form ?? Create(),
        };
        request.Headers.Add("X-Worker-Id", workerId);
        return await http.SendAsync(request);
    }
}
