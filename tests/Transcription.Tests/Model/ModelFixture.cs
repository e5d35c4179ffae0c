using WhatsTheTab.Transcription.Model;

namespace WhatsTheTab.Transcription.Tests.Model;

/// <summary>One basic-pitch model per test class, on the CPU (the golden outputs are CPU/wasm figures).</summary>
public sealed class ModelFixture : IDisposable
{
    public ModelFixture() => Model = BasicPitchModel.Load(preference: DevicePreference.Cpu);

    public BasicPitchModel Model { get; }

    public void Dispose() => Model.Dispose();
}
