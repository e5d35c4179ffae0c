using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using WhatsTheTab.Transcription.Audio;
using WhatsTheTab.Transcription.Inference;
using WhatsTheTab.Transcription.Model;
using WhatsTheTab.Transcription.Notes;

namespace WhatsTheTab.Transcription;

/// <summary>
/// The whole engine: audio file → windows → basic-pitch → notes. Create it once per process (the model loads here) and
/// reuse it for every job; memory during a job is bounded by the batch plus the per-frame activations.
/// </summary>
public sealed partial class TranscriptionEngine : IDisposable
{
    private readonly ILogger _logger;

    private TranscriptionEngine(BasicPitchModel model, int batchSize, ILogger logger)
    {
        Model = model;
        BatchSize = batchSize;
        _logger = logger;
    }

    public BasicPitchModel Model { get; }

    public int BatchSize { get; }

    /// <summary>"cpu" or "cuda".</summary>
    public string DeviceName => Model.Device.type.ToString().ToLowerInvariant();

    public static TranscriptionEngine Create(EngineOptions? options = null, ILogger? logger = null)
    {
        options ??= new EngineOptions();
        options.Validate();
        logger ??= NullLogger.Instance;
        if (options.Threads is { } threads)
        {
            TorchSharp.torch.set_num_threads(threads);
        }

        var model = BasicPitchModel.Load(options.ModelDirectory, options.Device, logger);
        var batch = options.BatchSize ?? (model.IsCuda ? 64 : 4);
        return new TranscriptionEngine(model, batch, logger);
    }

    /// <summary>Decodes and transcribes a file. Throws <see cref="AudioDecodeException"/> for audio it cannot read.</summary>
    public TranscriptionResult Transcribe(string audioPath, NoteOptions? options = null, IProgress<ChunkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        using var audio = AudioReader.Open(audioPath, Framing.SampleRate, cancellationToken);
        return Transcribe(audio, options, progress, cancellationToken);
    }

    /// <summary>Transcribes an already opened 22 050 Hz mono stream.</summary>
    public TranscriptionResult Transcribe(IMonoAudioStream audio, NoteOptions? options = null, IProgress<ChunkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= new NoteOptions();
        var inferenceClock = Stopwatch.StartNew();
        var (activations, samples, chunks) = Infer(audio, options.PitchBends != PitchBendMode.None, progress, cancellationToken);
        inferenceClock.Stop();

        cancellationToken.ThrowIfCancellationRequested();
        var postClock = Stopwatch.StartNew();
        var notes = NoteExtractor.Extract(activations, options);
        postClock.Stop();

        var seconds = samples / (double)Framing.SampleRate;
        LogTranscribed(_logger, seconds, chunks, notes.Count, inferenceClock.Elapsed.TotalMilliseconds, postClock.Elapsed.TotalMilliseconds);
        return new TranscriptionResult(notes, seconds, chunks, inferenceClock.Elapsed, postClock.Elapsed);
    }

    /// <summary>
    /// Runs the network over the whole stream in batches and stitches the outputs. Progress is reported after each batch;
    /// cancellation is checked between batches.
    /// </summary>
    public (Activations Activations, long Samples, int Chunks) Infer(IMonoAudioStream audio, bool keepContours, IProgress<ChunkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audio);
        var expectedSamples = audio.LengthHint ?? 0;
        var expectedChunks = expectedSamples > 0 ? Framing.WindowCount(expectedSamples) : 0;
        var framer = new WindowFramer(audio);
        var accumulator = new ActivationAccumulator(keepContours, expectedChunks * Framing.KeptFramesPerWindow);
        var batch = new float[BatchSize * Framing.WindowSamples];
        var outputs = WindowOutputs.Allocate(BatchSize);

        while (!framer.Completed)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var windows = framer.Fill(batch, BatchSize);
            if (windows == 0)
            {
                break;
            }

            Model.Run(batch, windows, outputs);
            accumulator.Append(outputs);

            // The total is known up front when the decoder knows the length; otherwise it grows with what has been read.
            var total = framer.Completed ? framer.WindowsProduced : Math.Max(expectedChunks, framer.WindowsProduced + 1);
            progress?.Report(new ChunkProgress(framer.WindowsProduced, total));
        }

        return (accumulator.Build(framer.SamplesRead), framer.SamplesRead, framer.WindowsProduced);
    }

    public void Dispose() => Model.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Transcribed {AudioSeconds:F1} s of audio in {Chunks} chunks: {NoteCount} notes, inference {InferenceMs:F0} ms, post-processing {PostMs:F0} ms")]
    private static partial void LogTranscribed(ILogger logger, double audioSeconds, int chunks, int noteCount, double inferenceMs, double postMs);
}
