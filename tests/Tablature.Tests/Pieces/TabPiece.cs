using WhatsTheTab.Transcription.Notes;

namespace WhatsTheTab.Tablature.Tests.Pieces;

/// <summary>A named test piece: notes and the options to tab them with.</summary>
public sealed record TabPiece(string Name, IReadOnlyList<NoteEvent> Notes, TabOptions Options)
{
    public override string ToString() => Name;
}
