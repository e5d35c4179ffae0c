using CsCheck;
using WhatsTheTab.Transcription.Audio;
using Xunit.Abstractions;

namespace WhatsTheTab.Transcription.Tests.Audio;

public sealed class ResamplerTests(ITestOutputHelper output)
{
    private const int Target = AudioReader.ModelSampleRate;

    [Fact]
    public void Downsample_15kHzToneAt44100_IsAttenuatedByAtLeast60dB()
    {
        var input = TestSignals.Sine(15000, 44100, 2 * 44100);
        var result = Resample(input, 44100, Target);

        var attenuation = StopbandDecibels(input, result, Target);
        output.WriteLine($"15 kHz at 44.1 kHz -> 22.05 kHz: {attenuation:F1} dB");
        Assert.True(attenuation <= -60, $"15 kHz leaked through at {attenuation:F1} dB.");
    }

    [Theory]
    [InlineData(48000, 14000)]
    [InlineData(48000, 11500)]
    [InlineData(44100, 11500)]
    [InlineData(96000, 30000)]
    public void Downsample_ToneAboveNyquist_IsAttenuatedByAtLeast60dB(int inputRate, double frequency)
    {
        var input = TestSignals.Sine(frequency, inputRate, 2 * inputRate);
        var result = Resample(input, inputRate, Target);

        var attenuation = StopbandDecibels(input, result, Target);
        output.WriteLine($"{frequency} Hz at {inputRate} Hz: {attenuation:F1} dB");
        Assert.True(attenuation <= -60, $"{frequency} Hz leaked through at {attenuation:F1} dB.");
    }

    [Theory]
    [InlineData(16000, 7000)]
    [InlineData(8000, 3000)]
    [InlineData(11025, 5000)]
    public void Upsample_Tone_HasNoImageAboveTheInputNyquist(int inputRate, double frequency)
    {
        var input = TestSignals.Sine(frequency, inputRate, 2 * inputRate);
        var result = Resample(input, inputRate, Target);
        var middle = Middle(result, Target);

        var image = ToneMeter.Amplitude(middle, inputRate - frequency, Target);
        var tone = ToneMeter.Amplitude(middle, frequency, Target);
        var rejection = ToneMeter.Decibels(image / tone);
        output.WriteLine($"image of {frequency} Hz at {inputRate} Hz: {rejection:F1} dB");
        Assert.True(rejection <= -60, $"Image at {inputRate - frequency} Hz is only {rejection:F1} dB down.");
    }

    [Theory]
    [InlineData(44100)]
    [InlineData(48000)]
    [InlineData(16000)]
    [InlineData(8000)]
    [InlineData(22050)]
    [InlineData(96000)]
    [InlineData(44101)]
    public void OneKilohertzTone_KeepsItsRmsWithin0Point1dB(int inputRate)
    {
        var input = TestSignals.Sine(1000, inputRate, 2 * inputRate);
        var result = Resample(input, inputRate, Target);

        var change = ToneMeter.Decibels(ToneMeter.Rms(Middle(result, Target)) / ToneMeter.Rms(Middle(input, inputRate)));
        output.WriteLine($"1 kHz at {inputRate} Hz: {change:F4} dB");
        Assert.InRange(change, -0.1, 0.1);
    }

    [Theory]
    [InlineData(44100, 5000)]
    [InlineData(44100, 9000)]
    [InlineData(48000, 9000)]
    [InlineData(16000, 7000)]
    public void PassbandTone_KeepsItsRmsWithin0Point1dB(int inputRate, double frequency)
    {
        var input = TestSignals.Sine(frequency, inputRate, 2 * inputRate);
        var result = Resample(input, inputRate, Target);

        var change = ToneMeter.Decibels(ToneMeter.Rms(Middle(result, Target)) / ToneMeter.Rms(Middle(input, inputRate)));
        output.WriteLine($"{frequency} Hz at {inputRate} Hz: {change:F4} dB");
        Assert.InRange(change, -0.1, 0.1);
    }

    [Fact]
    public void SameRate_IsABitExactCopy()
    {
        var input = TestSignals.Noise(10000, seed: 7, amplitude: 3);
        input[5] = float.Epsilon;
        input[6] = -0f;
        var result = Resample(input, Target, Target);

        Assert.Equal(input.Length, result.Length);
        for (var i = 0; i < input.Length; i++)
        {
            Assert.Equal(BitConverter.SingleToInt32Bits(input[i]), BitConverter.SingleToInt32Bits(result[i]));
        }
    }

    [Theory]
    [InlineData(44100)]
    [InlineData(48000)]
    [InlineData(16000)]
    [InlineData(8000)]
    [InlineData(96000)]
    [InlineData(44101)]
    public void ImpulseAtOneSecond_AppearsAtOneSecondInTheOutput(int inputRate)
    {
        var input = new float[2 * inputRate];
        input[inputRate] = 1;
        var result = Resample(input, inputRate, Target);

        var peak = 0;
        for (var i = 1; i < result.Length; i++)
        {
            if (Math.Abs(result[i]) > Math.Abs(result[peak]))
            {
                peak = i;
            }
        }

        Assert.InRange(peak, Target - 1, Target + 1);
    }

    [Theory]
    [InlineData(44100)]
    [InlineData(48000)]
    [InlineData(16000)]
    public void OnsetAtOneSecond_ReachesHalfLevelAtOneSecond(int inputRate)
    {
        // A step from silence to a steady 0.5 crosses its midpoint where the input step is.
        var input = new float[2 * inputRate];
        input.AsSpan(inputRate).Fill(0.5f);
        var result = Resample(input, inputRate, Target);

        var crossing = Array.FindIndex(result, sample => sample >= 0.25f);
        Assert.InRange(crossing, Target - 1, Target + 1);
    }

    [Fact]
    public void OutputLength_IsTheRoundedRateRatio_ForAnyRateAndLength()
    {
        Gen.Select(Gen.OneOf(8000, 11025, 16000, 22050, 32000, 44100, 44101, 48000, 96000, 192000), Gen.Int[0, 5000])
            .Sample((rate, length) =>
            {
                var result = Resample(new float[length], rate, Target);
                var expected = (long)Math.Round((double)length * Target / rate, MidpointRounding.AwayFromZero);
                return result.Length == expected && Resampler.OutputLength(length, rate, Target) == expected;
            }, iter: 60);
    }

    [Fact]
    public void Streaming_InAnyBlockSizes_GivesTheSameOutputAsOneBlock()
    {
        Gen.Select(Gen.OneOf(8000, 16000, 44100, 44101, 48000), Gen.Int[1, 3000], Gen.Int[0, 100000])
            .Sample((rate, block, seed) =>
            {
                var input = TestSignals.Noise(6000, seed);
                var whole = Resample(input, rate, Target);
                var pieces = Resample(input, rate, Target, block);
                return whole.AsSpan().SequenceEqual(pieces);
            }, iter: 40);
    }

    [Fact]
    public void MaxOutputLength_IsEnoughForEveryProcessAndFlushCall()
    {
        Gen.Select(Gen.Int[1000, 200000], Gen.Int[1000, 200000], Gen.Int[0, 20000])
            .Sample((inputRate, outputRate, length) =>
            {
                var resampler = new Resampler(inputRate, outputRate);
                var buffer = new float[resampler.MaxOutputLength(length)];
                var produced = resampler.Process(new float[length], buffer);
                produced += resampler.Flush(new float[Resampler.MaxOutputLength(inputRate, outputRate, 0)]);
                return produced == Resampler.OutputLength(length, inputRate, outputRate);
            }, iter: 40);
    }

    [Fact]
    public void Process_WithTooSmallOutput_Throws()
    {
        var resampler = new Resampler(44100, Target);
        Assert.Throws<ArgumentException>(() => resampler.Process(new float[1000], new float[10]));
    }

    [Fact]
    public void Process_AfterFlush_Throws()
    {
        var resampler = new Resampler(44100, Target);
        resampler.Flush(new float[resampler.MaxOutputLength(0)]);
        Assert.Throws<InvalidOperationException>(() => resampler.Process(new float[10], new float[100]));
    }

    [Fact]
    public void Constructor_ExtremeDecimation_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Resampler(48_000_000, 8000));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Resampler(0, 8000));
    }

    [Fact]
    public void Constant_StaysConstant()
    {
        var input = new float[48000];
        input.AsSpan().Fill(0.25f);
        var result = Resample(input, 48000, Target);
        foreach (var sample in Middle(result, Target))
        {
            Assert.Equal(0.25f, sample, 1e-5f);
        }
    }

    internal static float[] Resample(ReadOnlySpan<float> input, int inputRate, int outputRate, int block = int.MaxValue)
    {
        var resampler = new Resampler(inputRate, outputRate);
        var result = new List<float>();
        var buffer = new float[resampler.MaxOutputLength(Math.Min(block, Math.Max(input.Length, 1)))];
        while (!input.IsEmpty)
        {
            var piece = input[..Math.Min(block, input.Length)];
            var produced = resampler.Process(piece, buffer);
            result.AddRange(buffer.AsSpan(0, produced));
            input = input[piece.Length..];
        }

        var flushBuffer = new float[resampler.MaxOutputLength(0)];
        result.AddRange(flushBuffer.AsSpan(0, resampler.Flush(flushBuffer)));
        return [.. result];
    }

    // The signals start and stop abruptly; the clicks at the ends are broadband, so levels are measured away from them.
    private static ReadOnlySpan<float> Middle(float[] samples, int rate) => samples.AsSpan(rate / 10, samples.Length - (rate / 5));

    private static double StopbandDecibels(float[] input, float[] result, int outputRate) =>
        ToneMeter.Decibels(ToneMeter.Rms(Middle(result, outputRate)) / ToneMeter.Rms(input));
}
