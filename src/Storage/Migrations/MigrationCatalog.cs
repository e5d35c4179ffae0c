using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace WhatsTheTab.Storage.Migrations;

/// <summary>The migrations embedded in this assembly, read once and ordered by version.</summary>
internal static partial class MigrationCatalog
{
    private const string ResourcePrefix = "WhatsTheTab.Storage.Sql.";

    private static readonly Lazy<IReadOnlyList<Migration>> LazyAll = new(Load);

    /// <summary>Every embedded migration, ascending by version, versions unique.</summary>
    public static IReadOnlyList<Migration> All => LazyAll.Value;

    [GeneratedRegex(@"^(?<version>\d{4})_[a-z0-9_]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    private static List<Migration> Load()
    {
        var assembly = typeof(MigrationCatalog).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal) || !resource.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            var name = resource[ResourcePrefix.Length..^".sql".Length];
            var match = NamePattern().Match(name);
            if (!match.Success)
            {
                throw new InvalidOperationException($"Embedded migration '{resource}' is not named NNNN_lower_case_name.sql.");
            }

            var sql = Read(assembly, resource);
            var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql)));
            migrations.Add(new Migration(int.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture), name, sql, checksum));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 1; i < migrations.Count; i++)
        {
            if (migrations[i].Version == migrations[i - 1].Version)
            {
                throw new InvalidOperationException($"Migrations '{migrations[i - 1].Name}' and '{migrations[i].Name}' share version {migrations[i].Version}.");
            }
        }

        return migrations;
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded migration '{resource}' cannot be opened.");
        using var reader = new StreamReader(stream, Encoding.UTF8);

        // Line endings normalised so the checksum does not depend on how git checked the file out.
        return reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
    }
}
