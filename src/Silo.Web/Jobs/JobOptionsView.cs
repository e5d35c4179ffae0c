using WhatsTheTab.Grains.Abstractions.Jobs;

namespace WhatsTheTab.Silo.Web.Jobs;

/// <summary>A job's engine, output and tab options as the REST API shows them (tab options as given; null = default).</summary>
public sealed record JobOptionsView(
    double OnsetThreshold,
    double FrameThreshold,
    double MinNoteLengthMs,
    int EnergyTolerance,
    bool InferOnsets,
    bool MelodiaTrick,
    double? MinFrequency,
    double? MaxFrequency,
    string PitchBends,
    double Tempo,
    string Instrument,
    JobTabOptions Tab)
{
    public static JobOptionsView From(JobOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new JobOptionsView(
            options.OnsetThreshold,
            options.FrameThreshold,
            options.MinNoteLengthMs,
            options.EnergyTolerance,
            options.InferOnsets,
            options.MelodiaTrick,
            options.MinFrequency,
            options.MaxFrequency,
            options.PitchBends,
            options.TempoBpm,
            options.Instrument,
            options.Tab);
    }
}
