namespace WhatsTheTab.Storage.Migrations;

/// <summary>What <see cref="DatabaseMigrator"/> did: the migrations it applied now and the schema version the database is at.</summary>
/// <param name="Applied">Names of the migrations applied by this call, in order (empty when the database was current).</param>
/// <param name="SchemaVersion">The highest migration version recorded in <c>schema_migrations</c> after the call.</param>
public sealed record MigrationResult(IReadOnlyList<string> Applied, int SchemaVersion);
