using System.Net.Http.Json;
using System.Text.Json;
using WhatsTheTab.TestSupport;
using WhatsTheTab.TestSupport.Services;
using Xunit.Abstractions;

namespace WhatsTheTab.EndToEnd.Tests;

/// <summary>
/// Real recordings through the whole deployment: REST upload → web silo → Redis queue → two GPU silos (the real model)
/// → results stored in PostgreSQL → MIDI downloaded and scored against the notes that were played.
/// </summary>
public sealed class TranscriptionPipelineTests(TwoGpuSiloCluster fixture, ITestOutputHelper output) : IClassFixture<TwoGpuSiloCluster>
{
    private LocalCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task SixRecordingsSubmittedAtOnce_AllCompleteWithMidiThatMatchesWhatWasPlayed()
    {
        using var http = Cluster.Http();
        var jobs = new JobsClient(http);
        var files = TestAudio.SixFiles();

        var ids = await Task.WhenAll(files.Select(f => jobs.SubmitAsync(f.Path)));
        var finished = await Task.WhenAll(ids.Select(id => jobs.WaitUntilFinishedAsync(id, TimeSpan.FromMinutes(5))));

        var workers = new HashSet<string>();
        for (var i = 0; i < files.Count; i++)
        {
            var job = finished[i];
            Assert.True(job.GetProperty("status").GetString() == "completed", $"{Path.GetFileName(files[i].Path)}: {job}");
            workers.Add(job.GetProperty("workerId").GetString()!);

            var midi = await jobs.MidiAsync(ids[i]);
            var score = OnsetScorer.Score(files[i].Clip.Truth, MidiNotes.Onsets(midi));
            output.WriteLine($"{Path.GetFileName(files[i].Path)}: {score} (worker {job.GetProperty("workerId").GetString()}, {midi.Length} bytes of MIDI)");
            Assert.True(score.F1 >= 0.75, $"{Path.GetFileName(files[i].Path)}: onset F1 {score.F1:F3}");
        }

        Assert.Equal(2, workers.Count); // both GPU silos took work

        // The tab of a real transcription, rendered by the web silo from the stored notes.
        var tab = await http.GetStringAsync(new Uri($"/api/jobs/{ids[0]:D}/tab", UriKind.Relative));
        output.WriteLine(tab);
        Assert.Contains("Guitar, tuning standard (E2 A2 D3 G3 B3 E4)", tab, StringComparison.Ordinal);
        Assert.Contains(tab.ReplaceLineEndings("\n").Split('\n'), l => l.Length > 2 && l[1] == '|' && l[2..].Any(char.IsDigit));
        await using var musicXml = await http.GetStreamAsync(new Uri($"/api/jobs/{ids[0]:D}/musicxml?tuning=drop-d", UriKind.Relative));
        var errors = WhatsTheTab.TestSupport.MusicXml.MusicXmlSchema.Validate(musicXml);
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    [Fact]
    public async Task EventStream_DeliversClaimProgressInOrderThenCompletion()
    {
        using var http = Cluster.Http();
        var jobs = new JobsClient(http);
        var path = TestAudio.Looped(TestClips.Ensure("fast-passage"), times: 4);
        var id = await jobs.SubmitAsync(path);

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/jobs/{id:D}/events");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = await ReadEventsAsync(await response.Content.ReadAsStreamAsync(), TimeSpan.FromMinutes(3));
        output.WriteLine(string.Join(Environment.NewLine, events.Select(e => $"{e.Name}: {e.Data}")));

        Assert.Equal("completed", events[^1].Name);
        var progress = events.Where(e => e.Name == "progress").Select(e => JsonDocument.Parse(e.Data).RootElement).ToList();
        Assert.NotEmpty(progress);
        var chunks = progress.Select(p => p.GetProperty("chunk").GetInt32()).ToList();
        Assert.Equal(chunks.Order(), chunks);
        Assert.Equal(progress[^1].GetProperty("total").GetInt32(), chunks[^1]);
        var order = events.Select(e => e.Name).ToList();
        Assert.True(order.IndexOf("progress") > order.IndexOf("snapshot"));
    }

    [Fact]
    public async Task SeedRoutes_UploadGenerateStatusAndMidi_KeepTheSeedsShapes()
    {
        using var http = Cluster.Http();
        var clip = TestClips.Ensure("c-major-scale");

        using var form = new MultipartFormDataContent();
        await using var audio = File.OpenRead(clip.WavPath);
        form.Add(new StreamContent(audio), "audio", "scale.wav");
        using var upload = await http.PostAsync(new Uri("/transcribe/upload/", UriKind.Relative), form);
        upload.EnsureSuccessStatusCode();
        var id = (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("audio_midi_id").GetString();
        Assert.NotNull(id);

        using var generate = await http.PostAsync(
            new Uri("/transcribe/generate/", UriKind.Relative),
            new FormUrlEncodedContent([new("audio_midi_id", id)]));
        generate.EnsureSuccessStatusCode();

        JsonElement status;
        var deadline = DateTime.UtcNow.AddMinutes(3);
        do
        {
            await Task.Delay(250);
            status = await http.GetFromJsonAsync<JsonElement>($"/transcribe/status/{id}/");
        }
        while (status.GetProperty("status").GetString() is "pending" or "processing" && DateTime.UtcNow < deadline);

        Assert.Equal("completed", status.GetProperty("status").GetString());
        Assert.True(status.GetProperty("has_midi").GetBoolean());
        Assert.True(status.GetProperty("total_chunks").GetInt32() > 0);
        Assert.Equal(status.GetProperty("total_chunks").GetInt32(), status.GetProperty("current_chunk").GetInt32());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("error_message").ValueKind);

        var midi = await http.GetByteArrayAsync($"/transcribe/midi/{id}/");
        Assert.True(OnsetScorer.Score(clip.Truth, MidiNotes.Onsets(midi)).F1 >= 0.75);
        using var download = await http.GetAsync(new Uri($"/transcribe/download_midi/{id}/", UriKind.Relative));
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);

        var metrics = await http.GetFromJsonAsync<JsonElement>("/transcribe/metrics/");
        Assert.Equal(JsonValueKind.Object, metrics.ValueKind);
        output.WriteLine(metrics.ToString());
    }

    private static async Task<List<(string Name, string Data)>> ReadEventsAsync(Stream stream, TimeSpan timeout)
    {
        using var reader = new StreamReader(stream);
        using var cancel = new CancellationTokenSource(timeout);
        var events = new List<(string, string)>();
        string? name = null;
        var data = new List<string>();
        while (await reader.ReadLineAsync(cancel.Token) is { } line)
        {
            if (line.Length == 0)
            {
                if (name is not null)
                {
                    events.Add((name, string.Join('\n', data)));
                    if (name is "completed" or "failed" or "cancelled")
                    {
                        break;
                    }
                }

                (name, data) = (null, []);
            }
            else if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                name = line["event:".Length..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data.Add(line["data:".Length..].Trim());
            }
        }

        return events;
    }
}
