namespace WhatsTheTab.Tablature;

/// <summary>A placed note whose sound was cut because its string (or its pitch) was needed again before it ended.</summary>
public sealed record ShortenedNote(int SourceIndex, int OriginalEndTick, int EndTick);
