namespace WhatsTheTab.Tablature.Export;

/// <summary>Where a written value sits in a triplet group.</summary>
internal enum TupletMark
{
    None,
    Start,
    Inside,
    Stop,
}
