using WhatsTheTab.Transcription.Audio;

namespace WhatsTheTab.Transcription.Tests.Audio;

public sealed class AudioReaderSniffTests
{
    public static TheoryData<byte[], AudioContainer> Headers => new()
    {
        { [.. "RIFF"u8, 0, 0, 0, 0, .. "WAVE"u8], AudioContainer.Wav },
        { [.. "RF64"u8, 0xFF, 0xFF, 0xFF, 0xFF, .. "WAVE"u8], AudioContainer.Wav },
        { [.. "RIFF"u8, 0, 0, 0, 0, .. "AVI "u8], AudioContainer.Unknown },
        { [.. "ID3"u8, 4, 0, 0, 0, 0, 0, 0, 0, 0], AudioContainer.Mp3 },
        { [0xFF, 0xFB, 0x90, 0x64, 0, 0, 0, 0, 0, 0, 0, 0], AudioContainer.Mp3 },
        { [0xFF, 0xF1, 0x50, 0x80, 0, 0, 0, 0, 0, 0, 0, 0], AudioContainer.Aac },
        { [.. "fLaC"u8, 0, 0, 0, 0x22, 0, 0, 0, 0], AudioContainer.Flac },
        { [.. "OggS"u8, 0, 2, 0, 0, 0, 0, 0, 0], AudioContainer.Ogg },
        { [0, 0, 0, 0x20, .. "ftypM4A "u8], AudioContainer.Mp4 },
        { [.. "FORM"u8, 0, 0, 0, 0, .. "AIFF"u8], AudioContainer.Aiff },
        { [0x1A, 0x45, 0xDF, 0xA3, 0, 0, 0, 0, 0, 0, 0, 0], AudioContainer.WebM },
        { [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, .. "JFIF"u8, 0, 0], AudioContainer.Unknown },
        { [.. "%PDF-1.7 abc"u8], AudioContainer.Unknown },
        { [.. "MThd"u8, 0, 0, 0, 6, 0, 1, 0, 2], AudioContainer.Unknown },
        { [0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0], AudioContainer.Unknown },
        { [], AudioContainer.Unknown },
    };

    [Theory]
    [MemberData(nameof(Headers))]
    public void Sniff_MagicBytes_NameTheContainer(byte[] header, AudioContainer expected)
    {
        Assert.Equal(expected, AudioReader.Sniff(header));
    }
}
