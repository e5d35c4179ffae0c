namespace WhatsTheTab.Silo.Gpu.Tests.TestDoubles;

/// <summary>One result upload as <see cref="FakeWebTier"/> received it.</summary>
internal sealed record ReceivedResult(
    Guid JobId,
    string WorkerId,
    string ContentType,
    byte[] Midi,
    string? MidiContentType,
    byte[] Notes,
    string? NotesContentType,
    string SummaryJson);
