using WhatsTheTab.Tablature.Rhythm;
using WhatsTheTab.Transcription.Notes;

namespace WhatsTheTab.Tablature.Import;

/// <summary>The notes of a Standard MIDI File in seconds, with the file's first tempo and time signature when it states them.</summary>
/// <param name="Notes">Every note-on/off pair outside the drum channel, in start order.</param>
/// <param name="TempoBpm">The first tempo event, quarter notes per minute.</param>
/// <param name="TimeSignature">The first time signature event, when it is one the tab engine supports.</param>
public sealed record MidiNoteFile(IReadOnlyList<NoteEvent> Notes, double? TempoBpm, TimeSignature? TimeSignature);
