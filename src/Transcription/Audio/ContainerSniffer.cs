namespace WhatsTheTab.Transcription.Audio;

/// <summary>Recognises audio containers by their magic bytes.</summary>
internal static class ContainerSniffer
{
    /// <summary>Bytes read from the start of a file (and after an ID3 tag) for sniffing.</summary>
    public const int HeaderLength = 64;

    public static AudioContainer Sniff(ReadOnlySpan<byte> header)
    {
        if (header.Length >= 12 && IsRiffWave(header))
        {
            return AudioContainer.Wav;
        }

        if (header.Length >= 12 && header.StartsWith("FORM"u8) && (header[8..12].SequenceEqual("AIFF"u8) || header[8..12].SequenceEqual("AIFC"u8)))
        {
            return AudioContainer.Aiff;
        }

        if (header.StartsWith("fLaC"u8))
        {
            return AudioContainer.Flac;
        }

        if (header.StartsWith("OggS"u8))
        {
            return AudioContainer.Ogg;
        }

        if (header.Length >= 8 && header[4..8].SequenceEqual("ftyp"u8))
        {
            return AudioContainer.Mp4;
        }

        if (header.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3]))
        {
            return AudioContainer.WebM;
        }

        if (header.StartsWith("ID3"u8))
        {
            return AudioContainer.Mp3;
        }

        if (IsMpegAudioFrame(header))
        {
            return AudioContainer.Mp3;
        }

        return IsAdtsFrame(header) ? AudioContainer.Aac : AudioContainer.Unknown;
    }

    /// <summary>Sniffs a seekable stream from its start, looking past an ID3v2 tag; leaves the stream at position 0.</summary>
    public static AudioContainer Sniff(Stream stream)
    {
        Span<byte> header = stackalloc byte[HeaderLength];
        stream.Seek(0, SeekOrigin.Begin);
        var got = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        header = header[..got];
        var container = Sniff(header);

        // A RIFF file shorter than its 12-byte header is a truncated WAV; let the WAV reader say so.
        if (container == AudioContainer.Unknown && got is >= 4 and < 12 && (header.StartsWith("RIFF"u8) || header.StartsWith("RF64"u8)))
        {
            container = AudioContainer.Wav;
        }

        // An ID3v2 tag can front FLAC or AAC as well as MP3; what follows it decides.
        if (got >= 10 && header.StartsWith("ID3"u8))
        {
            var tagSize = (long)(((header[6] & 0x7F) << 21) | ((header[7] & 0x7F) << 14) | ((header[8] & 0x7F) << 7) | (header[9] & 0x7F));
            var footer = (header[5] & 0x10) != 0 ? 10 : 0;
            var after = 10 + tagSize + footer;
            if (after < stream.Length)
            {
                stream.Seek(after, SeekOrigin.Begin);
                Span<byte> next = stackalloc byte[HeaderLength];
                var nextGot = stream.ReadAtLeast(next, next.Length, throwOnEndOfStream: false);
                var inner = Sniff(next[..nextGot]);
                if (inner is AudioContainer.Flac or AudioContainer.Aac)
                {
                    container = inner;
                }
            }
        }

        stream.Seek(0, SeekOrigin.Begin);
        return container;
    }

    private static bool IsRiffWave(ReadOnlySpan<byte> header) =>
        (header.StartsWith("RIFF"u8) || header.StartsWith("RF64"u8) || header.StartsWith("BW64"u8)) && header[8..12].SequenceEqual("WAVE"u8);

    // MPEG audio frame header: 11 sync bits, then version/layer/bitrate/rate fields that must not hold reserved values.
    private static bool IsMpegAudioFrame(ReadOnlySpan<byte> header)
    {
        if (header.Length < 4 || header[0] != 0xFF || (header[1] & 0xE0) != 0xE0)
        {
            return false;
        }

        var version = (header[1] >> 3) & 0x03;
        var layer = (header[1] >> 1) & 0x03;
        var bitrate = header[2] >> 4;
        var rate = (header[2] >> 2) & 0x03;
        var emphasis = header[3] & 0x03;
        return version != 1 && layer != 0 && bitrate != 0x0F && rate != 0x03 && emphasis != 2;
    }

    // ADTS (raw AAC): 12 sync bits, layer 00, a valid sampling-frequency index.
    private static bool IsAdtsFrame(ReadOnlySpan<byte> header) =>
        header.Length >= 4 && header[0] == 0xFF && (header[1] & 0xF6) == 0xF0 && ((header[2] >> 2) & 0x0F) < 13;
}
