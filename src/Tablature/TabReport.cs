namespace WhatsTheTab.Tablature;

/// <summary>What the builder had to change to make the notes playable: dropped, octave-transposed and shortened notes.</summary>
public sealed record TabReport(IReadOnlyList<DroppedNote> Dropped, IReadOnlyList<TransposedNote> Transposed, IReadOnlyList<ShortenedNote> Shortened)
{
    public static TabReport Empty { get; } = new([], [], []);
}
