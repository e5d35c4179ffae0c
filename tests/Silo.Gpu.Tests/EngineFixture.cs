using WhatsTheTab.Transcription;
using WhatsTheTab.Transcription.Model;

namespace WhatsTheTab.Silo.Gpu.Tests;

/// <summary>
/// The real engine, loaded once for the whole collection, on the CPU with one window per batch so even short clips
/// report several chunks.
/// </summary>
public sealed class EngineFixture : IDisposable
{
    public EngineFixture() => Engine = TranscriptionEngine.Create(new EngineOptions { Device = DevicePreference.Cpu, BatchSize = 1 });

    public TranscriptionEngine Engine { get; }

    public void Dispose() => Engine.Dispose();
}
