namespace WhatsTheTab.Transcription;

/// <summary>Progress of one transcription: <see cref="Chunk"/> windows of <see cref="TotalChunks"/> have been through the network.</summary>
public readonly record struct ChunkProgress(int Chunk, int TotalChunks);
