using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using WhatsTheTab.Grains.Abstractions.Jobs;

namespace WhatsTheTab.Silo.Web.Jobs;

/// <summary>
/// What makes two uploads "the same request" for an <c>Idempotency-Key</c>: SHA-256 over the file's SHA-256 and the
/// options as JSON (the file name is display-only and not part of it).
/// </summary>
public static class IdempotencyFingerprint
{
    /// <summary>The longest key accepted (Stripe's limit; longer ones are a client bug).</summary>
    public const int MaxKeyLength = 255;

    public static string Of(string fileSha256, JobOptions options)
    {
        ArgumentNullException.ThrowIfNull(fileSha256);
        ArgumentNullException.ThrowIfNull(options);
        var optionsJson = JsonSerializer.Serialize(JobOptionsView.From(options));
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(fileSha256 + "\n" + optionsJson));
        return Convert.ToHexStringLower(bytes);
    }

    /// <summary>A usable key: 1–255 printable ASCII characters.</summary>
    public static bool IsValidKey(string key) =>
        key.Length is > 0 and <= MaxKeyLength && key.All(c => c is >= ' ' and <= '~');
}
