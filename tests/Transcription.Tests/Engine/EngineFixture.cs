using WhatsTheTab.Transcription.Model;

namespace WhatsTheTab.Transcription.Tests.Engine;

/// <summary>One engine (model loaded once) shared by a test class, on the CPU.</summary>
public sealed class EngineFixture : IDisposable
{
    public EngineFixture() => Engine = TranscriptionEngine.Create(new EngineOptions { Device = DevicePreference.Cpu });

    public TranscriptionEngine Engine { get; }

    public void Dispose() => Engine.Dispose();
}
