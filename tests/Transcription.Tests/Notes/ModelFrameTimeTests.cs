using WhatsTheTab.Transcription.Notes;

namespace WhatsTheTab.Transcription.Tests.Notes;

public sealed class ModelFrameTimeTests
{
    [Fact]
    public void FramesWithinTheFirstWindow_AreHopsOverSampleRate()
    {
        Assert.Equal(0, ModelFrameTime.Seconds(0));
        Assert.Equal(171 * 256 / 22050.0, ModelFrameTime.Seconds(171));
    }

    [Fact]
    public void EachLaterWindow_IsPulledBackByTheWindowOffset()
    {
        double offset = (256 / 22050.0 * (172 - (43844 / 256.0))) + 0.0018;

        Assert.Equal((172 * 256 / 22050.0) - offset, ModelFrameTime.Seconds(172), 12);
        Assert.Equal((400 * 256 / 22050.0) - (2 * offset), ModelFrameTime.Seconds(400), 12);
    }

    [Fact]
    public void Times_IncreaseStrictly()
    {
        for (int frame = 1; frame < 2000; frame++)
        {
            Assert.True(ModelFrameTime.Seconds(frame) > ModelFrameTime.Seconds(frame - 1));
        }
    }
}
