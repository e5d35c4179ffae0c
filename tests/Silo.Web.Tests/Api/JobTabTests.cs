using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using WhatsTheTab.TestSupport.MusicXml;

namespace WhatsTheTab.Silo.Web.Tests.Api;

/// <summary>
/// A finished job's tablature (<c>/tab</c>, <c>/musicxml</c>, <c>/alphatex</c>, <c>POST /tab</c>), rendered by the web silo
/// from the stored note list, with the test playing the GPU worker that delivered it.
/// </summary>
[Collection(PostgresWebSiloDefinition.Name)]
public sealed class JobTabTests
{
    // An open C major chord for two beats at 120 bpm, then E4 F4 G4 as quarter notes.
    private static readonly string ChordThenMelody = ApiJobs.NoteList(
        (0.0, 1.0, 48), (0.0, 1.0, 52), (0.0, 1.0, 55), (0.0, 1.0, 60), (0.0, 1.0, 64),
        (1.0, 1.5, 64), (1.5, 2.0, 65), (2.0, 2.5, 67));

    private readonly PostgresWebSilo _fixture;

    public JobTabTests(PostgresWebSilo fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task Tab_IsTheOpenCChordShapeThenTheMelody_InText()
    {
        using var http = _fixture.Http(token: null);
        var id = await CompletedJobAsync(http, new Dictionary<string, string> { ["tab_tempo"] = "120" });

        using var response = await http.GetAsync(new Uri($"/api/jobs/{id:D}/tab", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Guitar, tuning standard (E2 A2 D3 G3 B3 E4)", text, StringComparison.Ordinal);
        Assert.Contains("Tempo 120 bpm (given", text, StringComparison.Ordinal);
        // x32010 in the first column, then E4 F4 G4 on the top string.
        var strings = StringLines(text);
        Assert.Equal(["e|-0", "B|-1", "G|-0", "D|-2", "A|-3", "E|--"], strings.Select(l => l[..4]));
        Assert.Matches(@"^e\|-0-+0-+1-+\|-3-", strings[0]);
    }

    [Fact]
    public async Task MusicXmlAlphaTexMidiAndJson_AreServed_AndTheMusicXmlIsValid()
    {
        using var http = _fixture.Http(token: null);
        var id = await CompletedJobAsync(http, fileName: "chords.wav");

        using var musicXml = await http.GetAsync(new Uri($"/api/jobs/{id:D}/musicxml", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, musicXml.StatusCode);
        Assert.Equal("application/vnd.recordare.musicxml+xml", musicXml.Content.Headers.ContentType?.MediaType);
        Assert.Equal("chords.musicxml", musicXml.Content.Headers.ContentDisposition?.FileNameStar ?? musicXml.Content.Headers.ContentDisposition?.FileName);
        var errors = MusicXmlSchema.Validate(await musicXml.Content.ReadAsStreamAsync());
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));

        var alphaTex = await GetTextAsync(http, $"/api/jobs/{id:D}/alphatex");
        Assert.Contains("\\tuning (E4 B3 G3 D3 A2 E2)", alphaTex, StringComparison.Ordinal);
        Assert.Contains("(0.1 1.2 0.3 2.4 3.5)", alphaTex, StringComparison.Ordinal);

        using var midi = await http.GetAsync(new Uri($"/api/jobs/{id:D}/tab?format=midi", UriKind.Relative));
        Assert.Equal("audio/midi", midi.Content.Headers.ContentType?.MediaType);
        Assert.Equal("MThd"u8.ToArray(), (await midi.Content.ReadAsByteArrayAsync())[..4]);

        var json = await ApiJobs.GetJsonAsync(http, $"/api/jobs/{id:D}/tab?format=json");
        Assert.Equal("guitar", json.GetProperty("instrument").GetString());
        var notes = json.GetProperty("measures").EnumerateArray().SelectMany(m => m.GetProperty("events").EnumerateArray()).SelectMany(e => e.GetProperty("notes").EnumerateArray()).ToList();
        Assert.Equal(8, notes.Count);
        Assert.Equal(8, json.GetProperty("report").GetProperty("placed").GetInt32());
    }

    [Fact]
    public async Task OtherTuningAndCapo_ReRenderFromTheStoredNotes_WithoutTouchingTheJob()
    {
        using var http = _fixture.Http(token: null);
        var id = await CompletedJobAsync(http);
        var before = await ApiJobs.GetJsonAsync(http, $"/api/jobs/{id:D}");

        using var posted = await http.PostAsync(
            new Uri($"/api/jobs/{id:D}/tab", UriKind.Relative),
            new StringContent("""{"tuning":"drop-d","capo":2,"title":"Again"}""", Encoding.UTF8, "application/json"));
        var text = await posted.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.StartsWith("Again\nGuitar, tuning drop-d (D2 A2 D3 G3 B3 E4), capo 2", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);

        using var form = await http.PostAsync(
            new Uri($"/api/jobs/{id:D}/tab?format=json", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["tab_instrument"] = "bass" }));
        using (var document = JsonDocument.Parse(await form.Content.ReadAsStringAsync()))
        {
            Assert.Equal("bass", document.RootElement.GetProperty("instrument").GetString());
            Assert.Equal(4, document.RootElement.GetProperty("tuning").GetProperty("stringPitches").GetArrayLength());
        }

        var query = await GetTextAsync(http, $"/api/jobs/{id:D}/tab?tuning=dadgad&quantize=eighth");
        Assert.Contains("tuning dadgad (D2 A2 D3 G3 A3 D4)", query, StringComparison.Ordinal);

        // The job itself did not change: no new attempt, same version, same options.
        var after = await ApiJobs.GetJsonAsync(http, $"/api/jobs/{id:D}");
        Assert.Equal(before.GetProperty("version").GetInt64(), after.GetProperty("version").GetInt64());
        Assert.Equal(1, after.GetProperty("attempts").GetInt32());
        Assert.False(after.GetProperty("options").GetProperty("tab").TryGetProperty("tuning", out var tuning) && tuning.ValueKind != JsonValueKind.Null);
    }

    [Fact]
    public async Task TabOptionsGivenAtUpload_AreKept_AndABassJobIsTabbedForBass()
    {
        using var http = _fixture.Http(token: null);
        var dropD = await CompletedJobAsync(http, new Dictionary<string, string> { ["tuning"] = "drop-d", ["capo"] = "1", ["quantize"] = "eighth", ["time_signature"] = "3/4" });
        var job = await ApiJobs.GetJsonAsync(http, $"/api/jobs/{dropD:D}");
        var tab = job.GetProperty("options").GetProperty("tab");
        Assert.Equal("drop-d", tab.GetProperty("tuning").GetString());
        Assert.Equal(1, tab.GetProperty("capo").GetInt32());
        Assert.Equal("3/4", tab.GetProperty("timeSignature").GetString());
        Assert.Contains("tuning drop-d (D2 A2 D3 G3 B3 E4), capo 1", await GetTextAsync(http, $"/api/jobs/{dropD:D}/tab"), StringComparison.Ordinal);
        Assert.Contains("time 3/4", await GetTextAsync(http, $"/api/jobs/{dropD:D}/tab"), StringComparison.Ordinal);

        var bass = await CompletedJobAsync(http, new Dictionary<string, string> { ["instrument"] = "bass" });
        Assert.StartsWith("clip\nBass, tuning standard (E1 A1 D2 G2)", (await GetTextAsync(http, $"/api/jobs/{bass:D}/tab")).ReplaceLineEndings("\n"), StringComparison.Ordinal);

        // A tab instrument without a MIDI instrument makes the MIDI sound like it.
        var sevenString = await ApiJobs.SubmitAsync(http, new Dictionary<string, string> { ["tab_instrument"] = "7-string" });
        var seven = await ApiJobs.GetJsonAsync(http, $"/api/jobs/{sevenString:D}");
        Assert.Equal("guitar-electric", seven.GetProperty("options").GetProperty("instrument").GetString());
    }

    [Theory]
    [InlineData("/tab?format=pdf", 400, "format must be one of: text, musicxml, alphatex, midi, json")]
    [InlineData("/tab?capo=13", 400, "Capo '13' is not a whole number in 0..12")]
    [InlineData("/tab?tuning=xyz", 400, "Unknown tuning 'xyz' for a guitar")]
    [InlineData("/musicxml?fingers=5", 400, "Unknown tab option 'fingers'")]
    [InlineData("/alphatex?time-signature=7/5", 400, "the beat type must be 2, 4, 8 or 16")]
    public async Task BadTabRequests_GetAProblemWithTheReason(string path, int status, string message)
    {
        using var http = _fixture.Http(token: null);
        var id = await CompletedJobAsync(http);

        using var response = await http.GetAsync(new Uri($"/api/jobs/{id:D}{path}", UriKind.Relative));

        await ProblemAssert.IsAsync(response, status, message);
    }

    [Fact]
    public async Task TabOfAJobWithoutResult_UnknownJob_AndMalformedBodies_AreRefusedClearly()
    {
        using var http = _fixture.Http(token: null);
        var pending = await ApiJobs.SubmitAsync(http);
        await ProblemAssert.IsAsync(await http.GetAsync(new Uri($"/api/jobs/{pending:D}/tab", UriKind.Relative)), 404, "has no notes yet: it is pending");
        await ProblemAssert.IsAsync(await http.GetAsync(new Uri($"/api/jobs/{Guid.NewGuid():D}/musicxml", UriKind.Relative)), 404, "There is no job");
        await ProblemAssert.IsAsync(await http.GetAsync(new Uri("/api/jobs/not-a-job/tab", UriKind.Relative)), 400, "is not a job id");

        var done = await CompletedJobAsync(http);
        var tab = new Uri($"/api/jobs/{done:D}/tab", UriKind.Relative);
        await ProblemAssert.IsAsync(await http.PostAsync(tab, new StringContent("[1,2]", Encoding.UTF8, "application/json")), 400, "must be an object of tab options");
        await ProblemAssert.IsAsync(await http.PostAsync(tab, new StringContent("{\"capo\":", Encoding.UTF8, "application/json")), 400, "could not be read");
        await ProblemAssert.IsAsync(await http.PostAsync(tab, new StringContent("{\"capo\":[2]}", Encoding.UTF8, "application/json")), 400, "must be a string, a number, true, false or null");
        await ProblemAssert.IsAsync(await http.PostAsync(tab, new StringContent("capo=2", Encoding.UTF8, "text/plain")), 415, "Send the tab options as a form");
        // Too large: sent over a plain socket, since the silo answers before reading the body and may then close the
        // connection under a client that is still sending.
        var large = Encoding.UTF8.GetBytes("{\"title\":\"" + new string('x', 20_000) + "\"}");
        var tooLarge = await BadInput.RawHttp.SendAsync(
            _fixture.Silo.BaseAddress,
            $"POST /api/jobs/{done:D}/tab HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: {large.Length}",
            large);
        Assert.Equal((413, "application/problem+json"), (tooLarge.Status, tooLarge.MediaType));
        Assert.Contains("larger than 16384 bytes", tooLarge.Body, StringComparison.Ordinal);
        using var withFile = new MultipartFormDataContent { { new ByteArrayContent(TestAudio.Wav(0.2)), "file", "clip.wav" } };
        await ProblemAssert.IsAsync(await http.PostAsync(tab, withFile), 400, "takes tab options only");

        // And the silo still renders afterwards.
        Assert.Contains("Guitar", await GetTextAsync(http, $"/api/jobs/{done:D}/tab"), StringComparison.Ordinal);
    }

    private async Task<Guid> CompletedJobAsync(HttpClient http, IReadOnlyDictionary<string, string>? fields = null, string fileName = "clip.wav")
    {
        var id = await ApiJobs.SubmitAsync(http, fields, fileName);
        await ApiJobs.CompleteAsync(_fixture, id, ChordThenMelody);
        return id;
    }

    private static async Task<string> GetTextAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {body}");
        return body;
    }

    private static List<string> StringLines(string text) =>
        [.. text.ReplaceLineEndings("\n").Split('\n').Where(l => l.Length > 2 && l[1] == '|')];
}
