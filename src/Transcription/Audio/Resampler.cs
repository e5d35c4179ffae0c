using System.Numerics;
using System.Runtime.InteropServices;

namespace WhatsTheTab.Transcription.Audio;

/// <summary>Streaming band-limited sample-rate converter (Kaiser-windowed sinc, polyphase), aligned so output time 0 is input time 0.</summary>
/// <remarks>
/// Output sample n is the band-limited input evaluated at input time n·inputRate/outputRate, with the filter centred
/// on that instant (zero phase): there is no delay to compensate downstream, and the total output length is
/// round(inputLength·outputRate/inputRate). Samples before the start and after the end are taken as silence.
/// Push input with <see cref="Process"/>, then call <see cref="Flush"/> once at the end for the last outputs.
/// Equal rates are a bit-exact copy.
/// </remarks>
public sealed class Resampler
{
    /// <summary>Half the filter length, counted in samples of the lower of the two rates.</summary>
    public const int HalfWidth = 64;

    /// <summary>Kaiser window shape; 9 gives about 90 dB of stopband rejection.</summary>
    public const double KaiserBeta = 9.0;

    /// <summary>
    /// Filter cutoff (−6 dB point) as a fraction of the lower Nyquist frequency. With the transition band of a
    /// 128-sample Kaiser(9) window (about ±0.022 of the lower rate) the stopband starts just below Nyquist, so nothing
    /// aliases, and the passband stays flat to about 0.905 × Nyquist (≈ 9.98 kHz at 22.05 kHz).
    /// </summary>
    public const double Cutoff = 0.95;

    // Rational ratios whose reduced numerator fits get one exact filter phase per output phase; others (e.g. 44 101 Hz)
    // interpolate linearly between this many phases, which keeps the table small and the error below −100 dB.
    private const int MaxExactPhases = 512;
    private const int InterpolatedPhases = 512;

    private const int MaxDecimation = 1024;

    // Input is staged through the history buffer in chunks of this size, so memory does not grow with the input.
    private const int ChunkSize = 4096;

    private readonly int _up;
    private readonly int _down;
    private readonly bool _passThrough;
    private readonly bool _interpolate;
    private readonly int _phases;
    private readonly int _reach;
    private readonly int _taps;
    private readonly float[] _coefficients = [];
    private readonly float[] _history = [];

    private long _historyStart;
    private int _historyCount;
    private long _inputCount;
    private long _outputCount;
    private long _position;
    private long _remainder;
    private bool _flushed;

    public Resampler(int inputRate, int outputRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputRate);
        if ((double)inputRate / outputRate > MaxDecimation)
        {
            // The filter grows with the decimation ratio; past this it would be megabytes per stream for no real use.
            throw new ArgumentOutOfRangeException(nameof(outputRate), outputRate, $"Downsampling by more than {MaxDecimation}x is not supported.");
        }

        InputRate = inputRate;
        OutputRate = outputRate;
        (_up, _down) = Reduce(inputRate, outputRate);
        _passThrough = _up == _down;
        if (_passThrough)
        {
            return;
        }

        _reach = Reach(_up, _down);
        _taps = 2 * _reach;
        _interpolate = _up > MaxExactPhases;
        _phases = _interpolate ? InterpolatedPhases : _up;
        _coefficients = BuildTable(_up, _down, _phases, _interpolate ? _phases + 1 : _phases, _reach);
        _history = new float[_taps + ChunkSize];

        // Virtual silence before input sample 0 so the first outputs see a full filter.
        _historyStart = -(_reach - 1);
        _historyCount = _reach - 1;
    }

    /// <summary>Input rate in Hz.</summary>
    public int InputRate { get; }

    /// <summary>Output rate in Hz.</summary>
    public int OutputRate { get; }

    /// <summary>Filter taps per output sample (0 for a pass-through copy).</summary>
    public int TapsPerOutput => _taps;

    /// <summary>Input samples pushed so far.</summary>
    public long InputCount => _inputCount;

    /// <summary>Output samples produced so far.</summary>
    public long OutputCount => _passThrough ? _inputCount : _outputCount;

    /// <summary>Total output samples for an input of <paramref name="inputLength"/> samples: round(inputLength·outputRate/inputRate).</summary>
    public static long OutputLength(long inputLength, int inputRate, int outputRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(inputLength);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputRate);
        var (up, down) = Reduce(inputRate, outputRate);
        return (long)((((Int128)inputLength * up * 2) + down) / (2 * (Int128)down));
    }

    /// <summary>
    /// An output span of this length always suffices for <see cref="Process"/> with <paramref name="inputLength"/>
    /// input samples; <c>MaxOutputLength(rates, 0)</c> suffices for <see cref="Flush"/>.
    /// </summary>
    public static int MaxOutputLength(int inputRate, int outputRate, int inputLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputRate);
        ArgumentOutOfRangeException.ThrowIfNegative(inputLength);
        var (up, down) = Reduce(inputRate, outputRate);
        return MaxOutputLength(up, down, up == down ? 0 : Reach(up, down), inputLength);
    }

    /// <summary>Instance form of <see cref="MaxOutputLength(int, int, int)"/>.</summary>
    public int MaxOutputLength(int inputLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(inputLength);
        return MaxOutputLength(_up, _down, _reach, inputLength);
    }

    /// <summary>
    /// Consumes all of <paramref name="input"/> and writes the outputs that are now complete; returns how many.
    /// <paramref name="output"/> must hold at least <see cref="MaxOutputLength(int)"/> of the input length.
    /// </summary>
    public int Process(ReadOnlySpan<float> input, Span<float> output)
    {
        if (_flushed)
        {
            throw new InvalidOperationException("The resampler has been flushed; create a new one for another stream.");
        }

        if (output.Length < MaxOutputLength(input.Length))
        {
            throw new ArgumentException($"The output span holds {output.Length} samples; {MaxOutputLength(input.Length)} are needed for {input.Length} input samples.", nameof(output));
        }

        if (_passThrough)
        {
            input.CopyTo(output);
            _inputCount += input.Length;
            return input.Length;
        }

        var written = 0;
        while (!input.IsEmpty)
        {
            Compact();
            var take = Math.Min(_history.Length - _historyCount, input.Length);
            input[..take].CopyTo(_history.AsSpan(_historyCount));
            _historyCount += take;
            _inputCount += take;
            input = input[take..];
            written += Produce(output[written..], long.MaxValue);
        }

        return written;
    }

    /// <summary>Ends the stream: writes the outputs that still wait for samples past the end (taken as silence); returns how many.</summary>
    public int Flush(Span<float> output)
    {
        if (_flushed || _passThrough)
        {
            _flushed = true;
            return 0;
        }

        var total = OutputLength(_inputCount, InputRate, OutputRate);
        if (output.Length < total - _outputCount)
        {
            throw new ArgumentException($"The output span holds {output.Length} samples; {total - _outputCount} are pending.", nameof(output));
        }

        _flushed = true;
        var written = 0;
        while (_outputCount < total)
        {
            Compact();
            _history.AsSpan(_historyCount).Clear();
            _historyCount = _history.Length;
            written += Produce(output[written..], total);
        }

        return written;
    }

    private static int MaxOutputLength(int up, int down, int reach, int inputLength) =>
        up == down ? inputLength : checked((int)(((long)inputLength + reach + 1) * up / down) + 2);

    private static (int Up, int Down) Reduce(int inputRate, int outputRate)
    {
        var gcd = (int)BigInteger.GreatestCommonDivisor(inputRate, outputRate);
        return (outputRate / gcd, inputRate / gcd);
    }

    // Half-width of the filter in input samples: HalfWidth samples of the lower rate, stretched when decimating.
    private static int Reach(int up, int down) =>
        (int)Math.Ceiling(HalfWidth * Math.Max(1.0, (double)down / up) - 1e-9);

    private static float[] BuildTable(int up, int down, int phases, int rows, int reach)
    {
        var scale = Math.Min(1.0, (double)up / down);
        var halfWindow = HalfWidth / scale;
        var bandwidth = scale * Cutoff;
        var taps = 2 * reach;
        var table = new float[rows * taps];
        var row = new double[taps];
        var besselBeta = BesselI0(KaiserBeta);
        for (var p = 0; p < rows; p++)
        {
            var fraction = (double)p / phases;
            var sum = 0.0;
            for (var j = 0; j < taps; j++)
            {
                // Tap j multiplies input sample (floor(t) − reach + 1 + j), which lies tau input samples before t.
                var tau = fraction + reach - 1 - j;
                var x = tau / halfWindow;
                var value = 0.0;
                if (Math.Abs(x) < 1)
                {
                    var window = BesselI0(KaiserBeta * Math.Sqrt(1 - (x * x))) / besselBeta;
                    value = bandwidth * Sinc(bandwidth * tau) * window;
                }

                row[j] = value;
                sum += value;
            }

            // Unit gain per phase keeps DC (and the 1 kHz passband) exact regardless of phase.
            for (var j = 0; j < taps; j++)
            {
                table[(p * taps) + j] = (float)(row[j] / sum);
            }
        }

        return table;
    }

    private static double Sinc(double x) => Math.Abs(x) < 1e-12 ? 1.0 : Math.Sin(Math.PI * x) / (Math.PI * x);

    private static double BesselI0(double x)
    {
        // Power series; converges quickly for the arguments a Kaiser window uses (≤ 20).
        var sum = 1.0;
        var term = 1.0;
        var half = x / 2;
        for (var k = 1; k < 200; k++)
        {
            term *= half / k;
            var squared = term * term;
            sum += squared;
            if (squared < sum * 1e-17)
            {
                break;
            }
        }

        return sum;
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var va = MemoryMarshal.Cast<float, Vector<float>>(a);
        var vb = MemoryMarshal.Cast<float, Vector<float>>(b);
        var acc = Vector<float>.Zero;
        for (var i = 0; i < va.Length; i++)
        {
            acc += va[i] * vb[i];
        }

        var sum = Vector.Sum(acc);
        for (var i = va.Length * Vector<float>.Count; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    // Drops history that no future output needs.
    private void Compact()
    {
        var firstNeeded = _position - _reach + 1;
        var drop = (int)Math.Clamp(firstNeeded - _historyStart, 0, _historyCount);
        if (drop == 0)
        {
            return;
        }

        _history.AsSpan(drop, _historyCount - drop).CopyTo(_history);
        _historyCount -= drop;
        _historyStart += drop;
    }

    private int Produce(Span<float> output, long limit)
    {
        var written = 0;
        var historyEnd = _historyStart + _historyCount;
        while (written < output.Length && _outputCount < limit && _position + _reach < historyEnd)
        {
            var window = _history.AsSpan((int)(_position - _reach + 1 - _historyStart), _taps);
            float value;
            if (_interpolate)
            {
                var exact = (double)_remainder * _phases / _up;
                var phase = (int)exact;
                var weight = (float)(exact - phase);
                var first = Dot(_coefficients.AsSpan(phase * _taps, _taps), window);
                var second = Dot(_coefficients.AsSpan((phase + 1) * _taps, _taps), window);
                value = first + (weight * (second - first));
            }
            else
            {
                value = Dot(_coefficients.AsSpan((int)_remainder * _taps, _taps), window);
            }

            output[written++] = value;
            _outputCount++;

            // Exact rational time keeps hour-long streams from drifting: t = position + remainder / up.
            _remainder += _down;
            _position += _remainder / _up;
            _remainder %= _up;
        }

        return written;
    }
}
