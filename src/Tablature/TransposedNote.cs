namespace WhatsTheTab.Tablature;

/// <summary>An input note moved by octaves because its pitch is outside the instrument's range.</summary>
public sealed record TransposedNote(int SourceIndex, int OriginalPitch, int Pitch);
