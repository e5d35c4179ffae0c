namespace WhatsTheTab.TestSupport;

/// <summary>Result of onset-only note scoring (mir_eval's <c>precision_recall_f1_overlap</c> with <c>offset_ratio=None</c>).</summary>
public sealed record OnsetScore(
    double Precision,
    double Recall,
    double F1,
    int Matched,
    int ReferenceCount,
    int EstimatedCount,
    IReadOnlyList<(int Reference, int Estimated)> Matches)
{
    public override string ToString() =>
        FormattableString.Invariant(
            $"P={Precision:F3} R={Recall:F3} F1={F1:F3} (matched {Matched} of {ReferenceCount} reference, {EstimatedCount} estimated)");
}
