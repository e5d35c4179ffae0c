using WhatsTheTab.Grains.Abstractions.Jobs;
using WhatsTheTab.Storage.Media;

namespace WhatsTheTab.Silo.Web.Internal;

/// <summary>What a result upload stored so far, so a refused or broken upload can delete its files.</summary>
internal sealed class ResultUpload
{
    public MediaRef? Midi { get; set; }

    public MediaRef? Notes { get; set; }

    public JobResultSummary? Summary { get; set; }
}
