namespace WhatsTheTab.Silo.Web.Hosting;

/// <summary>
/// PostgreSQL for grain state and media: the connection string comes from <c>ConnectionStrings:Postgres</c>
/// (env <c>ConnectionStrings__Postgres</c>), the rest from section <see cref="SectionName"/>.
/// </summary>
public sealed class PostgresOptions
{
    public const string SectionName = "Postgres";

    /// <summary>The name under <c>ConnectionStrings</c>.</summary>
    public const string ConnectionStringName = "Postgres";

    /// <summary>An Npgsql connection string. Empty (the default) keeps grain state in Redis and media on the file system.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply pending migrations before the silo starts (default true); the <c>migrate</c> command does it on its own.</summary>
    public bool MigrateOnStart { get; set; } = true;
}
