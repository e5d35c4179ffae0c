namespace WhatsTheTab.Tablature;

/// <summary>The finest straight note value note starts and ends are snapped to.</summary>
public enum QuantizeMode
{
    /// <summary>Sixteenth notes (with eighth-note triplets per beat where they fit better, when triplets are on).</summary>
    Sixteenth,

    /// <summary>Eighth notes (with eighth-note triplets per beat where they fit better, when triplets are on).</summary>
    Eighth,

    /// <summary>
    /// No musical quantization: times are only rounded to the engine's finest written value, a thirty-second note, so the
    /// notation can still be written; no triplets.
    /// </summary>
    None,
}
