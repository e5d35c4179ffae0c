using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using WhatsTheTab.Silo.Web.Tests.Api;

namespace WhatsTheTab.Silo.Web.Tests.BadInput;

/// <summary>
/// The bad-input table (issue 4, item 7): every way a client can send something the web silo must refuse, with the
/// status and a distinctive part of the message it must answer with.
/// </summary>
internal static class BadInputCases
{
    private const string Jobs = "/api/jobs";
    private const string NoJob = "There is no job";
    private const string NotAJobId = "is not a job id";
    private const string NotAudio = "is not an audio file";

    public static IReadOnlyDictionary<string, BadInputCase> All { get; } = Build().ToDictionary(c => c.Name, StringComparer.Ordinal);

    private static IEnumerable<BadInputCase> Build()
    {
        // Not multipart at all, or multipart that cannot be read.
        yield return new("not-multipart: JSON body", t => t.PostRawAsync(Jobs, """{"file":"clip.wav"}""", "application/json"), 415, "multipart/form-data");
        yield return new("not-multipart: plain text", t => t.PostRawAsync(Jobs, "RIFF....WAVE", "text/plain"), 415, "got Content-Type 'text/plain");
        yield return new("not-multipart: urlencoded form", t => t.PostRawAsync(Jobs, "file=clip.wav", "application/x-www-form-urlencoded"), 415, "multipart/form-data");
        yield return new("not-multipart: no Content-Type", t => t.PostRawAsync(Jobs, "RIFF", null), 415, "got Content-Type 'none'");
        yield return new("multipart: no boundary parameter", t => t.PostRawAsync(Jobs, Multipart("abc", TestAudio.Wav(0.2)), "multipart/form-data"), 400, "no usable boundary");
        yield return new("multipart: empty boundary", t => t.PostRawAsync(Jobs, Multipart("abc", TestAudio.Wav(0.2)), "multipart/form-data; boundary=\"\""), 400, "no usable boundary");
        yield return new("multipart: boundary of 300 characters", t => t.PostRawAsync(Jobs, "x", "multipart/form-data; boundary=" + new string('b', 300)), 400, "no usable boundary");
        yield return new("multipart: body uses another boundary", t => t.PostRawAsync(Jobs, Multipart("xyz", TestAudio.Wav(0.2)), "multipart/form-data; boundary=abc"), 400, "multipart");
        yield return new("multipart: truncated before the closing boundary", t => t.PostRawAsync(Jobs, Multipart("abc", TestAudio.Wav(0.2))[..200], "multipart/form-data; boundary=abc"), 400, "multipart");
        yield return new("multipart: cut inside the part headers", t => t.PostRawAsync(Jobs, "--abc\r\nContent-Disposition: form-da", "multipart/form-data; boundary=abc"), 400, "multipart");
        yield return new("multipart: part without Content-Disposition", t => t.PostRawAsync(Jobs, "--abc\r\nContent-Type: audio/wav\r\n\r\nRIFF\r\n--abc--\r\n", "multipart/form-data; boundary=abc"), 400, "no 'Content-Disposition: form-data'");
        yield return new("multipart: malformed chunked transfer encoding", t => RawHttp.SendAsync(
            t.BaseAddress,
            $"POST {Jobs} HTTP/1.1\r\nContent-Type: multipart/form-data; boundary=abc\r\nTransfer-Encoding: chunked",
            Encoding.ASCII.GetBytes("zz\r\n--abc\r\n")), 400, "could not be read");

        // The file part: missing, misplaced, empty, doubled.
        yield return new("file: missing (options only)", t => t.UploadAsync(null, fields: new Dictionary<string, string> { ["tempo"] = "100" }), 400, "No file in the form field 'file'");
        yield return new("file: in the wrong field name", t => t.UploadAsync(TestAudio.Wav(0.2), field: "audio"), 400, "send the audio file in the form field 'file'");
        yield return new("file: empty (0 bytes)", t => t.UploadAsync([], "empty.wav"), 400, "is empty (0 bytes)");
        yield return new("file: empty filename (a browser form with no file chosen)", t => t.PostRawAsync(Jobs, "--abc\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\"\r\nContent-Type: application/octet-stream\r\n\r\n\r\n--abc--\r\n", "multipart/form-data; boundary=abc"), 400, "No file in the form field 'file'");
        yield return new("file: sent as a text field, not a file", t => t.UploadAsync(null, fields: new Dictionary<string, string> { ["file"] = "clip.wav" }), 400, "No file in the form field 'file'");
        yield return new("multipart: part headers over 16 KiB", t => t.PostRawAsync(Jobs, $"--abc\r\nContent-Disposition: form-data; name=\"file\"; filename=\"clip.wav\"\r\nX-Pad: {new string('p', 20 * 1024)}\r\n\r\nRIFF\r\n--abc--\r\n", "multipart/form-data; boundary=abc"), 400, "multipart");
        yield return new("file: two files in 'file'", t => t.PostAsync(Jobs, TwoFiles()), 400, "more than one file");

        // Not audio, whatever the name says.
        yield return new("content: text named .wav", t => t.UploadAsync(TestAudio.NotAudio(), "song.wav"), 415, "'song.wav' " + NotAudio);
        yield return new("content: text named .mp3", t => t.UploadAsync(TestAudio.NotAudio(), "song.mp3"), 415, "'song.mp3' " + NotAudio);
        yield return new("content: text named .flac", t => t.UploadAsync(TestAudio.NotAudio(), "song.flac"), 415, "'song.flac' " + NotAudio);
        yield return new("content: HTML named .wav", t => t.UploadAsync(BadFiles.Html(), "page.wav"), 415, "'page.wav' " + NotAudio);
        yield return new("content: PDF named .wav", t => t.UploadAsync(BadFiles.Pdf(), "doc.wav"), 415, "'doc.wav' " + NotAudio);
        yield return new("content: ZIP named .wav", t => t.UploadAsync(BadFiles.Zip(), "archive.wav"), 415, "'archive.wav' " + NotAudio);

        // Audio signatures followed by garbage: only the decoder (ffprobe) can tell.
        yield return new("content: ID3 tag then garbage, named .mp3", t => t.UploadAsync(BadFiles.MagicThenGarbage("ID3\u0004\0\0\0\0\0\u0010"), "fake.mp3"), 422, "fake.mp3");
        yield return new("content: fLaC signature then garbage", t => t.UploadAsync(BadFiles.MagicThenGarbage("fLaC\0\0\0\u0022"), "fake.flac"), 422, "fake.flac");
        yield return new("content: OggS signature then garbage", t => t.UploadAsync(BadFiles.MagicThenGarbage("OggS\0\u0002"), "fake.ogg"), 422, "fake.ogg");

        // WAVs cut off, lying about their sizes, or in encodings the decoder refuses.
        yield return new("wav: cut after 4 bytes", t => t.UploadAsync(BadFiles.WavCutAt(4), "cut4.wav"), 422, "inside the 12-byte RIFF header");
        yield return new("wav: cut after 11 bytes", t => t.UploadAsync(BadFiles.WavCutAt(11), "cut11.wav"), 422, "inside the 12-byte RIFF header");
        yield return new("wav: cut after 20 bytes (inside fmt)", t => t.UploadAsync(BadFiles.WavCutAt(20), "cut20.wav"), 422, "cut20.wav");
        yield return new("wav: cut after 36 bytes (before data)", t => t.UploadAsync(BadFiles.WavCutAt(36), "cut36.wav"), 422, "cut36.wav");
        yield return new("wav: cut after 42 bytes (inside the data header)", t => t.UploadAsync(BadFiles.WavCutAt(42), "cut42.wav"), 422, "cut42.wav");
        yield return new("wav: data size larger than the file, no samples", t => t.UploadAsync(BadFiles.WavDataSizeLies(), "liar.wav"), 422, "ends before the first sample");
        yield return new("wav: RIFF size larger than the file, fmt cut off", t => t.UploadAsync(BadFiles.WavCutAt(30), "riff.wav"), 422, "riff.wav");
        yield return new("wav: ADPCM encoding", t => t.UploadAsync(BadFiles.WavAdpcm(), "adpcm.wav"), 422, "is not supported");
        yield return new("wav: 0 channels", t => t.UploadAsync(BadFiles.WavZeroChannels(), "mono0.wav"), 422, "declares 0 channels");
        yield return new("wav: sample rate 0 Hz", t => t.UploadAsync(BadFiles.WavZeroSampleRate(), "rate0.wav"), 422, "sample rate of 0 Hz");
        yield return new("wav: valid header, 0 samples", t => t.UploadAsync(BadFiles.WavNoSamples(), "silent.wav"), 422, "contains no audio");

        // Limits of the test host: 256 KiB, 3 s.
        yield return new("limit: file over MaxBytes", t => t.UploadAsync(TestAudio.Wav(2.9, sampleRate: 48000)), 413, $"larger than the limit of {ApiTestHost.MaxBytes} bytes");
        yield return new("limit: Content-Length far over MaxBytes, body never sent", t => RawHttp.SendAsync(
            t.BaseAddress, $"POST {Jobs} HTTP/1.1\r\nContent-Type: multipart/form-data; boundary=abc\r\nContent-Length: 50000000", []), 413, "larger than the limit");
        yield return new("limit: audio over MaxSeconds", t => t.UploadAsync(TestAudio.Wav(5.0), "long.wav"), 413, "the limit is 3 s");

        // Option values.
        yield return new("option: negative onset_threshold", t => Options(t, "onset_threshold", "-0.1"), 400, "onset_threshold must be between 0 and 1");
        yield return new("option: onset_threshold above 1", t => Options(t, "onset_threshold", "1.01"), 400, "onset_threshold must be between 0 and 1");
        yield return new("option: frame_threshold NaN", t => Options(t, "frame_threshold", "NaN"), 400, "frame_threshold must be a number (got 'NaN')");
        yield return new("option: max_frequency Infinity", t => Options(t, "max_frequency", "Infinity"), 400, "max_frequency must be a number");
        yield return new("option: min_frequency above max_frequency", t => t.UploadAsync(TestAudio.Wav(0.2), fields: new Dictionary<string, string> { ["min_frequency"] = "900", ["max_frequency"] = "300" }), 400, "min_frequency must not be above max_frequency");
        yield return new("option: negative min_frequency", t => Options(t, "min_frequency", "-5"), 400, "min_frequency must be between 0 and 20000 Hz");
        yield return new("option: unknown instrument", t => Options(t, "instrument", "kazoo"), 400, "instrument must be one of");
        yield return new("option: unknown pitch_bends", t => Options(t, "pitch_bends", "wobbly"), 400, "pitch_bends must be one of");
        yield return new("option: non-numeric tempo", t => Options(t, "tempo", "fast"), 400, "tempo must be a number (got 'fast')");
        yield return new("option: tempo out of range", t => Options(t, "tempo", "1000"), 400, "tempo must be between 20 and 400 bpm");
        yield return new("option: energy_tolerance not whole", t => Options(t, "energy_tolerance", "2.5"), 400, "energy_tolerance must be a whole number");
        yield return new("option: melodia_trick not a flag", t => Options(t, "melodia_trick", "perhaps"), 400, "melodia_trick must be true or false");
        yield return new("option: unknown field", t => Options(t, "onset_treshold", "0.5"), 400, "Unknown field 'onset_treshold'");
        yield return new("tab option: unknown tab_instrument", t => Options(t, "tab_instrument", "banjo"), 400, "Unknown instrument 'banjo'");
        yield return new("tab option: unknown tuning", t => Options(t, "tuning", "open-q"), 400, "Unknown tuning 'open-q' for a guitar");
        yield return new("tab option: tuning with too few strings", t => Options(t, "tuning", "E A D G"), 400, "has 4 strings but a guitar has 6");
        yield return new("tab option: a 7-string tuning for a guitar", t => Options(t, "tuning", "drop-a"), 400, "Unknown tuning 'drop-a' for a guitar");
        yield return new("tab option: capo not whole", t => Options(t, "capo", "2.5"), 400, "capo must be a whole number");
        yield return new("tab option: capo out of range", t => Options(t, "capo", "15"), 400, "Capo '15' is not a whole number in 0..12");
        yield return new("tab option: unknown quantize", t => Options(t, "quantize", "quintuplets"), 400, "Unknown quantization 'quintuplets'");
        yield return new("tab option: malformed time_signature", t => Options(t, "time_signature", "four"), 400, "is not of the form beats/beat-type");
        yield return new("tab option: tab_tempo out of range", t => Options(t, "tab_tempo", "900"), 400, "Tempo '900' is not a number of quarter notes per minute");
        yield return new("option: field longer than 4096 characters", t => Options(t, "instrument", new string('x', 5000)), 400, "is longer than 4096 characters");

        yield return new("form: 70 fields", t => t.UploadAsync(TestAudio.Wav(0.2), fields: Enumerable.Range(0, 70).ToDictionary(i => $"f{i}", i => "x")), 400, "more than 64 fields");

        // Idempotency-Key.
        yield return new(
            "idempotency: same key, different body",
            t => t.UploadAsync(TestAudio.Wav(0.3, frequency: 330), idempotencyKey: t.Scratch),
            409,
            "already used for a different request",
            Setup: async t =>
            {
                t.Scratch = $"bad-input-{Guid.NewGuid():N}";
                var first = await t.UploadAsync(TestAudio.Wav(0.3), idempotencyKey: t.Scratch);
                Assert.True(first.Status == 202, first.Body);
            });
        yield return new("idempotency: empty key", t => t.UploadAsync(TestAudio.Wav(0.2), idempotencyKey: string.Empty), 400, "Invalid Idempotency-Key");
        yield return new("idempotency: key of 256 characters", t => t.UploadAsync(TestAudio.Wav(0.2), idempotencyKey: new string('k', 256)), 400, "Invalid Idempotency-Key");
        yield return new("idempotency: key with a control character", t => t.UploadAsync(TestAudio.Wav(0.2), idempotencyKey: "key\twith-tab"), 400, "printable ASCII");
        yield return new("idempotency: non-ASCII key", t => RawUpload(t, "Idempotency-Key: ключ-é"), 400, "printable ASCII");

        // Job ids: unknown (404) and malformed (400) on every route that takes one.
        var unknown = Guid.Parse("00000000-0000-4000-8000-0000000bad00");
        yield return new("id: unknown, GET job", t => t.GetAsync($"{Jobs}/{unknown:D}"), 404, NoJob);
        yield return new("id: unknown, DELETE job", t => t.SendAsync(HttpMethod.Delete, $"{Jobs}/{unknown:D}"), 404, NoJob);
        yield return new("id: unknown, POST retry", t => t.SendAsync(HttpMethod.Post, $"{Jobs}/{unknown:D}/retry"), 404, NoJob);
        yield return new("id: unknown, GET midi", t => t.GetAsync($"{Jobs}/{unknown:D}/midi"), 404, NoJob);
        yield return new("id: unknown, GET notes", t => t.GetAsync($"{Jobs}/{unknown:D}/notes"), 404, NoJob);
        yield return new("id: unknown, GET events", t => t.GetAsync($"{Jobs}/{unknown:D}/events"), 404, NoJob);
        yield return new("id: malformed, GET job", t => t.GetAsync($"{Jobs}/not-a-guid"), 400, NotAJobId);
        yield return new("id: malformed, DELETE job", t => t.SendAsync(HttpMethod.Delete, $"{Jobs}/42"), 400, NotAJobId);
        yield return new("id: malformed, POST retry", t => t.SendAsync(HttpMethod.Post, $"{Jobs}/42/retry"), 400, NotAJobId);
        yield return new("id: malformed, GET events", t => t.GetAsync($"{Jobs}/xyz/events"), 400, NotAJobId);
        yield return new("id: 4000 characters", t => t.GetAsync($"{Jobs}/{new string('a', 4000)}"), 400, NotAJobId);
        yield return new("id: path traversal ..%2F..%2Fetc%2Fpasswd", t => t.GetAsync($"{Jobs}/..%2F..%2Fetc%2Fpasswd"), 400, "'..%2F..%2Fetc%2Fpasswd' " + NotAJobId);
        yield return new("id: path traversal on midi", t => t.GetAsync($"{Jobs}/..%2F..%2Fetc%2Fpasswd/midi"), 400, NotAJobId);
        yield return new("id: encoded NUL (Kestrel refuses the request line)", t => t.GetAsync($"{Jobs}/abc%00def"), 400, string.Empty, ProblemJson: false);
        yield return new("id: GUID with trailing junk", t => t.GetAsync($"{Jobs}/{unknown:D}x"), 400, NotAJobId);

        // Query strings.
        yield return new("query: ?status=finished", t => t.GetAsync($"{Jobs}?status=finished"), 400, "status must be one of");
        yield return new("query: ?limit=0", t => t.GetAsync($"{Jobs}?limit=0"), 400, "limit must be a whole number from 1 to 200");
        yield return new("query: ?limit=ten", t => t.GetAsync($"{Jobs}?limit=ten"), 400, "limit must be a whole number");
        yield return new("query: ?limit=99999999999", t => t.GetAsync($"{Jobs}?limit=99999999999"), 400, "limit must be a whole number");
        yield return new("query: ?offset=-1", t => t.GetAsync($"{Jobs}?offset=-1"), 400, "offset must be a whole number");
        yield return new("query: ?format=xml on notes", t => t.GetAsync($"{Jobs}/{unknown:D}/notes?format=xml"), 400, "format must be json or csv");

        // Oversized headers and JSON.
        yield return new("headers: 64 KiB header (Kestrel limit)", t => RawHttp.SendAsync(t.BaseAddress, $"GET {Jobs} HTTP/1.1\r\nX-Padding: {new string('p', 64 * 1024)}", []), 431, string.Empty, ProblemJson: false);
        yield return new("json: 20 KiB body to /transcribe/generate/", t => t.PostRawAsync("/transcribe/generate/", $$"""{"audio_midi_id":"{{unknown:D}}","pad":"{{new string('x', 20 * 1024)}}"}""", "application/json"), 413, "larger than 16384 bytes");
        yield return new("form: 20 KiB urlencoded body to /transcribe/generate/", t => t.PostAsync("/transcribe/generate/", new FormUrlEncodedContent([new("audio_midi_id", unknown.ToString("D")), new("pad", new string('x', 20 * 1024))])), 413, "larger than 16384 bytes");
        yield return new("json: 64 KiB chunked body (no Content-Length) to /transcribe/generate/", t => RawHttp.SendAsync(
            t.BaseAddress,
            "POST /transcribe/generate/ HTTP/1.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked",
            Chunked($$"""{"audio_midi_id":"{{unknown:D}}","pad":"{{new string('x', 64 * 1024)}}"}""")), 413, "larger than 16384 bytes");
        yield return new("json: malformed body to /transcribe/generate/", t => t.PostRawAsync("/transcribe/generate/", """{"audio_midi_id": """, "application/json"), 400, "could not be read");

        // Routes and methods that do not exist.
        yield return new("route: PUT /api/jobs", t => t.SendAsync(HttpMethod.Put, Jobs), 405, "Method Not Allowed");
        yield return new("route: unknown /api/nothing", t => t.GetAsync("/api/nothing"), 404, "Not Found");

        // The seed's routes.
        yield return new("seed: generate without audio_midi_id", t => t.PostAsync("/transcribe/generate/", new FormUrlEncodedContent([])), 400, "audio_midi_id");
        yield return new("seed: generate with a malformed id", t => t.PostAsync("/transcribe/generate/", new FormUrlEncodedContent([new("audio_midi_id", "../../etc/passwd")])), 400, NotAJobId);
        yield return new("seed: generate with a numeric JSON id", t => t.PostRawAsync("/transcribe/generate/", """{"audio_midi_id":12}""", "application/json"), 400, NotAJobId);
        yield return new("seed: generate with an unknown id", t => t.PostAsync("/transcribe/generate/", new FormUrlEncodedContent([new("audio_midi_id", unknown.ToString("D"))])), 404, NoJob);
        yield return new("seed: status of an unknown id", t => t.GetAsync($"/transcribe/status/{unknown:D}/"), 404, NoJob);
        yield return new("seed: status of a malformed id", t => t.GetAsync("/transcribe/status/2/"), 400, NotAJobId);
        yield return new("seed: midi of an unknown id", t => t.GetAsync($"/transcribe/midi/{unknown:D}/"), 404, NoJob);
        yield return new("seed: download_midi of a malformed id", t => t.GetAsync("/transcribe/download_midi/..%2F..%2Fetc%2Fpasswd/"), 400, NotAJobId);
        yield return new("seed: upload without the 'audio' field", t => t.UploadAsync(TestAudio.Wav(0.2), path: "/transcribe/upload/"), 400, "send the audio file in the form field 'audio'");
        yield return new("seed: upload of HTML named .wav", t => t.UploadAsync(BadFiles.Html(), "page.wav", "audio", path: "/transcribe/upload/"), 415, NotAudio);
        yield return new("seed: upload of a truncated WAV", t => t.UploadAsync(BadFiles.WavCutAt(30), "cut.wav", "audio", path: "/transcribe/upload/"), 422, "cut.wav");
    }

    private static Task<BadInputResponse> Options(BadInputTarget target, string field, string value) =>
        target.UploadAsync(TestAudio.Wav(0.2), fields: new Dictionary<string, string> { [field] = value });

    /// <summary>A one-file multipart body with <paramref name="boundary"/>, as text (the WAV bytes as Latin-1 stand-ins are fine for framing tests).</summary>
    private static string Multipart(string boundary, byte[] file) =>
        $"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"clip.wav\"\r\nContent-Type: audio/wav\r\n\r\n"
        + Encoding.Latin1.GetString(file) + $"\r\n--{boundary}--\r\n";

    /// <summary><paramref name="text"/> as one HTTP/1.1 chunk and the last chunk.</summary>
    private static byte[] Chunked(string text) =>
        Encoding.ASCII.GetBytes($"{Encoding.ASCII.GetByteCount(text):x}\r\n{text}\r\n0\r\n\r\n");

    private static MultipartFormDataContent TwoFiles()
    {
        var form = UploadForm.Create(TestAudio.Wav(0.2));
        var second = new ByteArrayContent(TestAudio.Wav(0.2));
        second.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        form.Add(second, "file", "second.wav");
        return form;
    }

    /// <summary>A valid small upload over a raw socket with an extra header line HttpClient would refuse to send.</summary>
    private static Task<BadInputResponse> RawUpload(BadInputTarget target, string header)
    {
        var wav = TestAudio.Wav(0.2);
        var head = Encoding.ASCII.GetBytes("--abc\r\nContent-Disposition: form-data; name=\"file\"; filename=\"clip.wav\"\r\nContent-Type: audio/wav\r\n\r\n");
        var tail = Encoding.ASCII.GetBytes("\r\n--abc--\r\n");
        byte[] body = [.. head, .. wav, .. tail];
        return RawHttp.SendAsync(
            target.BaseAddress,
            $"POST {Jobs} HTTP/1.1\r\nContent-Type: multipart/form-data; boundary=abc\r\nContent-Length: {body.Length.ToString(CultureInfo.InvariantCulture)}\r\n{header}",
            body);
    }
}
