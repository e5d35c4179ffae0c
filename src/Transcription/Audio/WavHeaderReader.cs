using System.Buffers.Binary;

namespace WhatsTheTab.Transcription.Audio;

/// <summary>Walks the RIFF chunks of a WAV (or RF64/BW64) file up to its audio data, validating the format.</summary>
internal static class WavHeaderReader
{
    // Streaming writers leave the data size at 0 or 0xFFFFFFFF because they cannot seek back to patch it.
    private const uint UnknownSize = 0xFFFFFFFF;

    // A fmt chunk is 16–40 bytes; anything this large is garbage, not a header.
    private const uint MaxFormatChunk = 64 * 1024;

    // Sample rates outside this range are corrupt headers in practice (and would need absurd filters).
    private const int MaxSampleRate = 1_000_000;
    private const int MaxChannels = 256;

    // Bytes 4..15 of every KSDATAFORMAT_SUBTYPE_* GUID; bytes 0..3 carry the classic format tag.
    private static ReadOnlySpan<byte> SubtypeGuidTail => [0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];

    /// <summary>
    /// Reads the header from the start of <paramref name="stream"/> and leaves it positioned at the first sample.
    /// <paramref name="streamLength"/> is the total length when known, which enables truncation detection.
    /// </summary>
    public static WavFormat Read(Stream stream, long? streamLength, string displayName)
    {
        Span<byte> header = stackalloc byte[12];
        var got = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        if (got < header.Length)
        {
            throw Error(AudioErrorKind.Truncated, displayName, $"the file ends after {got} bytes, inside the 12-byte RIFF header");
        }

        var isRf64 = header.StartsWith("RF64"u8) || header.StartsWith("BW64"u8);
        if ((!isRf64 && !header.StartsWith("RIFF"u8)) || !header[8..].SequenceEqual("WAVE"u8))
        {
            throw Error(AudioErrorKind.InvalidHeader, displayName, "it does not start with a RIFF/WAVE header");
        }

        long riffEnd = 8L + BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
        var riffSizeKnown = !isRf64 && riffEnd - 8 is not 0 and not UnknownSize;
        long position = 12;
        long? rf64DataSize = null;
        WavFormat? format = null;
        (long Offset, long? Length)? data = null;
        Span<byte> chunkHeader = stackalloc byte[8];

        while (true)
        {
            got = stream.ReadAtLeast(chunkHeader, chunkHeader.Length, throwOnEndOfStream: false);
            if (got < chunkHeader.Length)
            {
                break;
            }

            position += 8;
            var id = chunkHeader[..4];
            var size = BinaryPrimitives.ReadUInt32LittleEndian(chunkHeader[4..]);

            if (id.SequenceEqual("ds64"u8) && isRf64)
            {
                var ds64 = ReadChunkBody(stream, size, 28, displayName);
                riffEnd = 8 + BinaryPrimitives.ReadInt64LittleEndian(ds64);
                riffSizeKnown = true;
                rf64DataSize = BinaryPrimitives.ReadInt64LittleEndian(ds64.AsSpan(8));
                position += size;
                position += SkipPad(stream, size);
            }
            else if (id.SequenceEqual("fmt "u8))
            {
                if (size < 16 || size > MaxFormatChunk)
                {
                    throw Error(AudioErrorKind.InvalidHeader, displayName, $"its fmt chunk is {size} bytes long (expected 16 to 40)");
                }

                var body = ReadChunkBody(stream, size, (int)size, displayName);
                format = ParseFormat(body, displayName);
                position += size;
                position += SkipPad(stream, size);
            }
            else if (id.SequenceEqual("data"u8))
            {
                long? length = size;
                if (isRf64 && size == UnknownSize)
                {
                    length = rf64DataSize;
                }
                else if (size == UnknownSize || (size == 0 && !(riffSizeKnown && riffEnd == streamLength)))
                {
                    // A size the writer never patched: the audio runs to the end of the file. A 0 in a file whose
                    // RIFF size was patched to match is a genuinely empty data chunk.
                    length = null;
                }

                data = (position, length);
                if (format is not null)
                {
                    break;
                }

                // fmt after data is legal RIFF, if rare: note where the data is and keep looking.
                if (length is null || !stream.CanSeek)
                {
                    throw Error(AudioErrorKind.InvalidHeader, displayName, "its data chunk comes before the fmt chunk");
                }

                position += length.Value;
                position += length.Value & 1;
                stream.Seek(position, SeekOrigin.Begin);
            }
            else
            {
                // Unknown chunks (LIST, bext, JUNK, cue…) are skipped, including the pad byte after an odd size.
                var skip = size + (size & 1L);
                position += skip;
                if (!Skip(stream, skip, streamLength))
                {
                    break;
                }
            }
        }

        if (format is null)
        {
            var kind = streamLength is { } length && riffEnd > length ? AudioErrorKind.Truncated : AudioErrorKind.InvalidHeader;
            throw Error(kind, displayName, kind == AudioErrorKind.Truncated
                ? "the file ends before its fmt chunk"
                : "it has no fmt chunk");
        }

        if (data is null)
        {
            if (streamLength is { } length && riffEnd > length)
            {
                throw Error(AudioErrorKind.Truncated, displayName, "the file ends before its data chunk");
            }

            throw new AudioDecodeException(AudioErrorKind.NoAudio, $"WAV file '{displayName}' contains no audio: it has no data chunk.");
        }

        var (offset, declared) = data.Value;
        if (stream.CanSeek && stream.Position != offset)
        {
            stream.Seek(offset, SeekOrigin.Begin);
        }

        var truncated = false;
        long? available = declared;
        if (streamLength is { } total)
        {
            var present = Math.Max(0, total - offset);
            if (declared is null)
            {
                available = present;
            }
            else if (declared > present)
            {
                truncated = true;
                available = present;
            }
        }

        var result = format with { DataOffset = offset, DataLength = available, Truncated = truncated };
        if (result.FrameCount == 0)
        {
            if (truncated)
            {
                throw Error(AudioErrorKind.Truncated, displayName, $"its header declares {declared} bytes of audio but the file ends before the first sample");
            }

            throw new AudioDecodeException(AudioErrorKind.NoAudio, $"WAV file '{displayName}' contains no audio: its data chunk holds 0 samples.");
        }

        return result;
    }

    private static WavFormat ParseFormat(ReadOnlySpan<byte> body, string displayName)
    {
        int tag = BinaryPrimitives.ReadUInt16LittleEndian(body);
        int channels = BinaryPrimitives.ReadUInt16LittleEndian(body[2..]);
        var rate = BinaryPrimitives.ReadUInt32LittleEndian(body[4..]);
        int blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(body[12..]);
        int bits = BinaryPrimitives.ReadUInt16LittleEndian(body[14..]);
        var validBits = bits;

        if (tag == 0xFFFE)
        {
            if (body.Length < 40 || BinaryPrimitives.ReadUInt16LittleEndian(body[16..]) < 22)
            {
                throw Error(AudioErrorKind.InvalidHeader, displayName, "its WAVE_FORMAT_EXTENSIBLE fmt chunk is too short");
            }

            var guid = body.Slice(24, 16);
            if (!guid[4..].SequenceEqual(SubtypeGuidTail) || BinaryPrimitives.ReadUInt16LittleEndian(guid[2..]) != 0)
            {
                throw Error(AudioErrorKind.UnsupportedEncoding, displayName, $"its WAVE_FORMAT_EXTENSIBLE sub-format {new Guid(guid)} is not supported");
            }

            tag = BinaryPrimitives.ReadUInt16LittleEndian(guid);
            int declaredValid = BinaryPrimitives.ReadUInt16LittleEndian(body[18..]);
            if (declaredValid > 0 && declaredValid <= bits)
            {
                validBits = declaredValid;
            }
        }

        if (channels == 0 || channels > MaxChannels)
        {
            throw Error(AudioErrorKind.InvalidHeader, displayName, $"its header declares {channels} channels");
        }

        if (rate == 0 || rate > MaxSampleRate)
        {
            throw Error(AudioErrorKind.InvalidHeader, displayName, $"its header declares a sample rate of {rate} Hz");
        }

        WavSampleEncoding? encoding = (tag, bits) switch
        {
            (1, 8) => WavSampleEncoding.PcmUnsigned8,
            (1, 16) => WavSampleEncoding.PcmSigned16,
            (1, 24) => WavSampleEncoding.PcmSigned24,
            (1, 32) => WavSampleEncoding.PcmSigned32,
            (3, 32) => WavSampleEncoding.Float32,
            (3, 64) => WavSampleEncoding.Float64,
            (6, 8) => WavSampleEncoding.ALaw,
            (7, 8) => WavSampleEncoding.MuLaw,
            _ => null,
        };

        if (encoding is null)
        {
            var what = tag switch
            {
                1 => $"{bits}-bit PCM",
                3 => $"{bits}-bit float",
                6 or 7 => $"{bits}-bit G.711",
                _ => $"format 0x{tag:X4}{EncodingName(tag)}",
            };
            throw Error(AudioErrorKind.UnsupportedEncoding, displayName, $"its encoding ({what}) is not supported; supported are 8/16/24/32-bit PCM, 32/64-bit float, mu-law and A-law (convert with e.g. 'ffmpeg -i in.wav -c:a pcm_s16le out.wav')");
        }

        var expectedAlign = channels * (bits / 8);
        if (blockAlign != expectedAlign)
        {
            throw Error(AudioErrorKind.InvalidHeader, displayName, $"its block align is {blockAlign} bytes but {channels} channel(s) of {bits} bits need {expectedAlign}");
        }

        return new WavFormat(encoding.Value, channels, (int)rate, validBits, blockAlign, 0, null, false);
    }

    private static string EncodingName(int tag) => tag switch
    {
        0x0002 => " (Microsoft ADPCM)",
        0x0011 => " (IMA ADPCM)",
        0x0031 => " (GSM 6.10)",
        0x0050 => " (MPEG audio)",
        0x0055 => " (MP3)",
        0x0160 or 0x0161 or 0x0162 => " (Windows Media Audio)",
        0x2000 => " (AC-3)",
        0x00FF or 0x1610 => " (AAC)",
        _ => string.Empty,
    };

    private static byte[] ReadChunkBody(Stream stream, uint size, int minimum, string displayName)
    {
        if (size < minimum)
        {
            throw Error(AudioErrorKind.InvalidHeader, displayName, $"a header chunk is {size} bytes long, shorter than its {minimum}-byte minimum");
        }

        var body = new byte[size];
        if (stream.ReadAtLeast(body, body.Length, throwOnEndOfStream: false) < body.Length)
        {
            throw Error(AudioErrorKind.Truncated, displayName, "the file ends inside its header");
        }

        return body;
    }

    private static long SkipPad(Stream stream, uint size)
    {
        if ((size & 1) == 0)
        {
            return 0;
        }

        Skip(stream, 1, null);
        return 1;
    }

    // Returns false when the skip runs past the end of the stream.
    private static bool Skip(Stream stream, long count, long? streamLength)
    {
        if (stream.CanSeek)
        {
            var target = stream.Position + count;
            if (streamLength is { } length && target > length)
            {
                return false;
            }

            stream.Seek(target, SeekOrigin.Begin);
            return true;
        }

        Span<byte> scratch = stackalloc byte[4096];
        while (count > 0)
        {
            var got = stream.Read(scratch[..(int)Math.Min(count, scratch.Length)]);
            if (got == 0)
            {
                return false;
            }

            count -= got;
        }

        return true;
    }

    private static AudioDecodeException Error(AudioErrorKind kind, string displayName, string reason) =>
        new(kind, $"'{displayName}' is not a readable WAV file: {reason}.");
}
