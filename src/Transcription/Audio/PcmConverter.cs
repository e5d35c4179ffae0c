using System.Buffers.Binary;

namespace WhatsTheTab.Transcription.Audio;

/// <summary>Converts little-endian WAV sample bytes to floats in [−1, 1).</summary>
internal static class PcmConverter
{
    /// <summary>Converts <paramref name="destination"/>.Length samples from <paramref name="source"/>.</summary>
    public static void ToFloat(ReadOnlySpan<byte> source, Span<float> destination, WavSampleEncoding encoding)
    {
        switch (encoding)
        {
            case WavSampleEncoding.PcmUnsigned8:
                for (var i = 0; i < destination.Length; i++)
                {
                    destination[i] = (source[i] - 128) / 128f;
                }

                break;
            case WavSampleEncoding.PcmSigned16:
                for (var i = 0; i < destination.Length; i++)
                {
                    destination[i] = BinaryPrimitives.ReadInt16LittleEndian(source[(2 * i)..]) / 32768f;
                }

                break;
            case WavSampleEncoding.PcmSigned24:
                for (var i = 0; i < destination.Length; i++)
                {
                    var o = 3 * i;

                    // Assemble in the top 24 bits so the arithmetic shift sign-extends.
                    var value = (source[o] << 8) | (source[o + 1] << 16) | (source[o + 2] << 24);
                    destination[i] = (value >> 8) / 8388608f;
                }

                break;
            case WavSampleEncoding.PcmSigned32:
                for (var i = 0; i < destination.Length; i++)
                {
                    destination[i] = (float)(BinaryPrimitives.ReadInt32LittleEndian(source[(4 * i)..]) / 2147483648.0);
                }

                break;
            case WavSampleEncoding.Float32:
                for (var i = 0; i < destination.Length; i++)
                {
                    destination[i] = Finite(BinaryPrimitives.ReadSingleLittleEndian(source[(4 * i)..]));
                }

                break;
            case WavSampleEncoding.Float64:
                for (var i = 0; i < destination.Length; i++)
                {
                    destination[i] = Finite((float)BinaryPrimitives.ReadDoubleLittleEndian(source[(8 * i)..]));
                }

                break;
            case WavSampleEncoding.MuLaw:
                for (var i = 0; i < destination.Length; i++)
                {
                    destination[i] = G711Decoder.MuLaw(source[i]);
                }

                break;
            case WavSampleEncoding.ALaw:
                for (var i = 0; i < destination.Length; i++)
                {
                    destination[i] = G711Decoder.ALaw(source[i]);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "Unknown WAV sample encoding.");
        }
    }

    // A NaN or infinity in a float WAV would poison every model window it touches; silence is the safe reading.
    private static float Finite(float value) => float.IsFinite(value) ? value : 0f;
}
