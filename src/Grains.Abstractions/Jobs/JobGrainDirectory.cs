namespace WhatsTheTab.Grains.Abstractions.Jobs;

/// <summary>
/// The grain directory the job grains register in: Redis, not Orleans' default in-memory directory, which is partitioned
/// across every silo. GPU silos come and go (autoscaling, crashes); with the default directory, a job whose directory
/// entry hashed to a GPU silo that had just died could not be placed until membership noticed, and uploads failed.
/// Every silo that calls job grains registers a directory under this name.
/// </summary>
public static class JobGrainDirectory
{
    public const string Name = "jobs";
}
