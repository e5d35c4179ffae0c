using WhatsTheTab.Transcription.Audio;

namespace WhatsTheTab.Transcription.Inference;

/// <summary>
/// Cuts a mono 22 050 Hz stream into basic-pitch's overlapping windows without holding the whole recording: 3 840 zeros
/// of leading padding, windows of 43 844 samples every 36 164 samples, the last one zero-padded.
/// </summary>
public sealed class WindowFramer
{
    private readonly IMonoAudioStream _source;
    private readonly float[] _buffer = new float[Framing.WindowSamples];
    private int _buffered;          // valid samples in _buffer, starting at the next window's start
    private bool _sourceEnded;
    private bool _started;

    public WindowFramer(IMonoAudioStream source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.SampleRate != Framing.SampleRate)
        {
            throw new ArgumentException($"The framer needs {Framing.SampleRate} Hz audio, got {source.SampleRate} Hz.", nameof(source));
        }

        _source = source;
    }

    /// <summary>Audio samples read from the source so far (without padding).</summary>
    public long SamplesRead { get; private set; }

    /// <summary>Windows produced so far.</summary>
    public int WindowsProduced { get; private set; }

    /// <summary>True once every window has been produced.</summary>
    public bool Completed { get; private set; }

    /// <summary>Writes up to <paramref name="maxWindows"/> windows back to back into <paramref name="destination"/>; returns how many.</summary>
    public int Fill(Span<float> destination, int maxWindows)
    {
        var written = 0;
        while (written < maxWindows && !Completed)
        {
            if (!_started)
            {
                _started = true;
                _buffered = Framing.LeadingPadding; // the buffer starts zeroed
            }
            else
            {
                // Slide to the next window: keep the overlap, drop the hop.
                var keep = Math.Max(_buffered - Framing.WindowHop, 0);
                _buffer.AsSpan(Framing.WindowHop, keep).CopyTo(_buffer);
                _buffered = keep;
            }

            FillFromSource();
            if (_buffered == 0)
            {
                Completed = true; // no sample starts in this window: basic-pitch makes no window here
                break;
            }

            var window = destination.Slice(written * Framing.WindowSamples, Framing.WindowSamples);
            _buffer.AsSpan(0, _buffered).CopyTo(window);
            window[_buffered..].Clear();
            written++;
            WindowsProduced++;

            // The next window starts WindowHop later; it exists only if a sample lies at or beyond that point.
            if (_sourceEnded && _buffered <= Framing.WindowHop)
            {
                Completed = true;
            }
        }

        return written;
    }

    private void FillFromSource()
    {
        while (!_sourceEnded && _buffered < Framing.WindowSamples)
        {
            var read = _source.Read(_buffer.AsSpan(_buffered));
            if (read == 0)
            {
                _sourceEnded = true;
                break;
            }

            _buffered += read;
            SamplesRead += read;
        }

        // Anything past the valid samples must be silence (zero padding at the end).
        _buffer.AsSpan(_buffered).Clear();
    }
}
