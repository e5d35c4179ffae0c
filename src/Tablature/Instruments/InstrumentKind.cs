namespace WhatsTheTab.Tablature.Instruments;

/// <summary>The fretted instruments the tab engine writes for.</summary>
public enum InstrumentKind
{
    /// <summary>Six-string guitar (standard tuning E2 A2 D3 G3 B3 E4).</summary>
    Guitar,

    /// <summary>Seven-string guitar (standard tuning B1 E2 A2 D3 G3 B3 E4).</summary>
    SevenStringGuitar,

    /// <summary>Four-string bass (standard tuning E1 A1 D2 G2).</summary>
    Bass,

    /// <summary>Five-string bass (standard tuning B0 E1 A1 D2 G2).</summary>
    FiveStringBass,
}
