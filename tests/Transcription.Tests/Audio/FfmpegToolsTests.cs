using WhatsTheTab.Transcription.Audio;

namespace WhatsTheTab.Transcription.Tests.Audio;

public sealed class FfmpegToolsTests
{
    [Fact]
    public void Resolve_NothingConfigured_SearchesPath()
    {
        Assert.Equal(new FfmpegTools("ffmpeg", "ffprobe"), FfmpegTools.Resolve(_ => null));
    }

    [Fact]
    public void Resolve_FfmpegConfigured_FindsFfprobeBesideIt()
    {
        var tools = FfmpegTools.Resolve(name => name == "WTT_FFMPEG" ? "/opt/ff/bin/ffmpeg" : null);
        Assert.Equal(new FfmpegTools("/opt/ff/bin/ffmpeg", "/opt/ff/bin/ffprobe"), tools);
    }

    [Fact]
    public void Resolve_BothConfigured_UsesBoth()
    {
        var tools = FfmpegTools.Resolve(name => name == "WTT_FFMPEG" ? "/a/ffmpeg" : "/b/probe");
        Assert.Equal(new FfmpegTools("/a/ffmpeg", "/b/probe"), tools);
    }
}
