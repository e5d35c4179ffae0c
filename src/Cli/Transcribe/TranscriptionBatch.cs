using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using WhatsTheTab.Cli.Progress;
using WhatsTheTab.Cli.Tab;
using WhatsTheTab.Tablature;
using WhatsTheTab.Tablature.Instruments;
using WhatsTheTab.Transcription;
using WhatsTheTab.Transcription.Audio;
using WhatsTheTab.Transcription.Model;

namespace WhatsTheTab.Cli.Transcribe;

/// <summary>
/// One <c>wtt transcribe</c> run: loads the engine once, transcribes the files in order and writes their outputs. A file
/// that cannot be read gets one error line and the run goes on with the next.
/// </summary>
public sealed partial class TranscriptionBatch
{
    private readonly TranscribeSettings _settings;
    private readonly CliConsole _console;
    private readonly ILogger _logger;
    private readonly ILoggerFactory _loggerFactory;

    public TranscriptionBatch(TranscribeSettings settings, CliConsole console, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _settings = settings;
        _console = console;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<TranscriptionBatch>();
    }

    /// <summary>Returns <see cref="ExitCodes.Success"/> when every file was transcribed, <see cref="ExitCodes.Failure"/> otherwise.</summary>
    public int Run(CancellationToken cancellationToken)
    {
        if (!TryCreateOutputDirectory())
        {
            return ExitCodes.Failure;
        }

        using var engine = TryCreateEngine();
        if (engine is null)
        {
            return ExitCodes.Failure;
        }

        var names = OutputNames.Assign(_settings.Inputs);
        var noteOptions = _settings.ToNoteOptions();
        var reporter = CreateProgressReporter();
        var failed = 0;
        for (var i = 0; i < _settings.Inputs.Count; i++)
        {
            var input = _settings.Inputs[i];
            var paths = OutputPaths.For(_settings.OutputDirectory, names[i]);
            try
            {
                var clock = Stopwatch.StartNew();
                var result = reporter.Track(input, progress => engine.Transcribe(input, noteOptions, progress, cancellationToken));
                var (written, tab) = TranscriptionOutputs.Write(result.Notes, paths, _settings);
                clock.Stop();
                LogWritten(_logger, input, written);
                WriteSummary(input, result, clock.Elapsed, paths, tab);
            }
            catch (Exception e) when (e is AudioDecodeException or IOException or UnauthorizedAccessException)
            {
                failed++;
                LogFileFailed(_logger, input, e);
                WriteError($"{input}: {e.Message}");
            }
        }

        if (!_settings.Quiet && _settings.Inputs.Count > 1)
        {
            var done = _settings.Inputs.Count - failed;
            _console.Out.WriteLine(failed == 0
                ? $"Transcribed {done} files into {_settings.OutputDirectory}."
                : $"Transcribed {done} of {_settings.Inputs.Count} files into {_settings.OutputDirectory}; {failed} failed.");
        }

        return failed == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    private bool TryCreateOutputDirectory()
    {
        try
        {
            Directory.CreateDirectory(_settings.OutputDirectory);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            WriteError($"cannot create the output folder {_settings.OutputDirectory}: {e.Message}");
            return false;
        }
    }

    private TranscriptionEngine? TryCreateEngine()
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var engine = TranscriptionEngine.Create(_settings.ToEngineOptions(), _loggerFactory.CreateLogger<TranscriptionEngine>());
            LogEngineReady(_logger, engine.DeviceName, engine.BatchSize, clock.Elapsed.TotalMilliseconds);
            return engine;
        }
        catch (Exception e) when (e is ModelNotFoundException or InvalidOperationException or IOException)
        {
            // InvalidOperationException: --device cuda on a machine without CUDA.
            LogEngineFailed(_logger, e);
            WriteError(e.Message);
            return null;
        }
    }

    private IProgressReporter CreateProgressReporter() =>
        _settings.Quiet ? new SilentProgressReporter()
        : _console.Interactive ? new InteractiveProgressReporter(_console.Out)
        : new PlainProgressReporter(_console.Out);

    private void WriteSummary(string input, TranscriptionResult result, TimeSpan elapsed, OutputPaths paths, TabScore? tab)
    {
        if (_settings.Quiet)
        {
            return;
        }

        // Wall-clock real-time factor: decoding, inference, note extraction and writing, as the user waited for it.
        var realTimeFactor = result.AudioSeconds / Math.Max(elapsed.TotalSeconds, 1e-6);
        var outputs = Path.ChangeExtension(paths.Midi, null) + ".{mid,notes.json,notes.csv" + (_settings.Sonify ? ",sonified.wav}" : "}");
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"{input}: {result.Notes.Count} {(result.Notes.Count == 1 ? "note" : "notes")}, {result.AudioSeconds:F1} s of audio in {elapsed.TotalSeconds:F1} s ({realTimeFactor:F1}x real time) -> {outputs}");
        _console.Out.WriteLine(line);
        if (tab is not null)
        {
            _console.Out.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{input}: tab for {tab.Instrument.Kind.DisplayName().ToLowerInvariant()}, {tab.Measures.Count} bars at {tab.NotatedTempoBpm} bpm -> {TabFiles.Pattern(paths.Directory, paths.BaseName, _settings.Tab!.Formats)}"));
            if (TabFiles.ReportLine(tab) is { } report)
            {
                _console.Out.WriteLine($"{input}: {report}");
            }
        }
    }

    private void WriteError(string message) => _console.WriteError(message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Engine ready on {Device} with batch size {BatchSize} in {ElapsedMs:F0} ms")]
    private static partial void LogEngineReady(ILogger logger, string device, int batchSize, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not create the transcription engine")]
    private static partial void LogEngineFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Input}: wrote {Outputs}")]
    private static partial void LogWritten(ILogger logger, string input, IReadOnlyList<string> outputs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Input} was not transcribed")]
    private static partial void LogFileFailed(ILogger logger, string input, Exception exception);
}
