namespace WhatsTheTab.Tablature.Rhythm;

/// <summary>How the tempo estimated from the notes compares with the tempo the caller gave.</summary>
public enum TempoRelation
{
    /// <summary>No tempo was given; the estimate is used.</summary>
    NotGiven,

    /// <summary>Within 4 % of the given tempo.</summary>
    Agrees,

    /// <summary>The estimate is about half the given tempo.</summary>
    Half,

    /// <summary>The estimate is about twice the given tempo.</summary>
    Twice,

    /// <summary>Neither the same, half nor double.</summary>
    Different,
}
