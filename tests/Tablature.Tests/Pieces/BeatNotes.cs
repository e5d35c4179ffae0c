using WhatsTheTab.Transcription.Notes;

namespace WhatsTheTab.Tablature.Tests.Pieces;

/// <summary>Writes notes in beats (quarter notes) and turns them into seconds at a tempo.</summary>
public sealed class BeatNotes
{
    private readonly List<(double Beat, double Beats, int Pitch, double Amplitude)> _notes = [];

    public double Position { get; private set; }

    public IReadOnlyList<(double Beat, double Beats, int Pitch, double Amplitude)> Notes => _notes;

    /// <summary>Adds a note (or chord) at the cursor and moves the cursor on by its length.</summary>
    public BeatNotes Play(double beats, params int[] pitches) => Play(beats, 0.7, pitches);

    public BeatNotes Play(double beats, double amplitude, params int[] pitches)
    {
        foreach (int pitch in pitches)
        {
            _notes.Add((Position, beats, pitch, amplitude));
        }

        Position += beats;
        return this;
    }

    /// <summary>Plays each pitch in turn for <paramref name="beats"/> each.</summary>
    public BeatNotes Run(double beats, params int[] pitches)
    {
        foreach (int pitch in pitches)
        {
            Play(beats, pitch);
        }

        return this;
    }

    public BeatNotes Rest(double beats)
    {
        Position += beats;
        return this;
    }

    /// <summary>Moves the cursor to <paramref name="beat"/>, to write a second line against notes already written.</summary>
    public BeatNotes Seek(double beat)
    {
        Position = beat;
        return this;
    }

    /// <summary>The notes in seconds at <paramref name="bpm"/> quarter notes a minute, starting at <paramref name="offsetSeconds"/>.</summary>
    public IReadOnlyList<NoteEvent> At(double bpm, double offsetSeconds = 0)
    {
        double secondsPerBeat = 60 / bpm;
        return [.. _notes.Select(n => new NoteEvent(offsetSeconds + (n.Beat * secondsPerBeat), offsetSeconds + ((n.Beat + n.Beats) * secondsPerBeat), n.Pitch, n.Amplitude))];
    }
}
