namespace WhatsTheTab.Storage.Migrations;

/// <summary>One numbered SQL script embedded in this assembly (<c>Sql/0001_name.sql</c>).</summary>
/// <param name="Version">The number the file name starts with; scripts run in ascending order.</param>
/// <param name="Name">The file name without extension, for example <c>0001_schema</c>.</param>
/// <param name="Sql">The script text.</param>
/// <param name="Checksum">SHA-256 of the script text (hex), recorded when applied so an edited script is noticed.</param>
internal sealed record Migration(int Version, string Name, string Sql, string Checksum);
