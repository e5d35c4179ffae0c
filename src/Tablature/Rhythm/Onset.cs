namespace WhatsTheTab.Tablature.Rhythm;

/// <summary>Notes starting within a few milliseconds of each other, as one onset for the beat tracker.</summary>
/// <param name="Time">Weighted mean start of the notes, seconds.</param>
/// <param name="Weight">Salience for tempo and beats: louder, longer and more notes weigh more (accents mark beats).</param>
/// <param name="Accent">Salience for finding the downbeat: like <see cref="Weight"/>, with long and low (bass) notes weighing more.</param>
internal readonly record struct Onset(double Time, double Weight, double Accent);
