using WhatsTheTab.Transcription.Notes;

namespace WhatsTheTab.Tablature;

/// <summary>An input note left out of the tab, and why.</summary>
public sealed record DroppedNote(int SourceIndex, NoteEvent Source, DropReason Reason);
