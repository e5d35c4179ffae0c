namespace WhatsTheTab.Silo.Web.Jobs;

/// <summary>Where to find a job and its parts in the REST API.</summary>
public sealed record JobLinks(string Self, string Events, string Midi, string Notes, string Tab, string MusicXml, string AlphaTex)
{
    public static JobLinks For(Guid id)
    {
        var self = JobsApi.JobPath(id);
        return new JobLinks(self, self + "/events", self + "/midi", self + "/notes", self + "/tab", self + "/musicxml", self + "/alphatex");
    }
}
