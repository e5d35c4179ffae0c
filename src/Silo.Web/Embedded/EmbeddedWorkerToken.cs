using System.Security.Cryptography;

namespace WhatsTheTab.Silo.Web.Embedded;

/// <summary>
/// The embedded default's worker token: kept in <c>{data}/worker-token</c> (owner-only permissions) so a GPU silo
/// started on the same machine (<c>scripts/run.sh</c>) can read the same value; made once, at random, when missing.
/// </summary>
public static class EmbeddedWorkerToken
{
    /// <summary>The file name under the data folder.</summary>
    public const string FileName = "worker-token";

    /// <summary>The token in the file, creating the folder and the file when needed.</summary>
    public static string ReadOrCreate(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, FileName);
        if (File.Exists(path))
        {
            var existing = File.ReadAllText(path).Trim();
            if (existing.Length > 0)
            {
                return existing;
            }
        }

        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(path, System.Text.Encoding.ASCII, options))
        {
            writer.Write(token);
        }

        return token;
    }
}
