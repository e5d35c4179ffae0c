using WhatsTheTab.Grains.Abstractions.Jobs;

namespace WhatsTheTab.Silo.Gpu.Worker;

/// <summary>What a finished transcription delivers: the MIDI file, the note list as JSON, and the summary.</summary>
public sealed record ResultFiles(ReadOnlyMemory<byte> Midi, ReadOnlyMemory<byte> NotesJson, JobResultSummary Summary);
