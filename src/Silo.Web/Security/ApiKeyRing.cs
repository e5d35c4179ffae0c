using System.Security.Cryptography;
using System.Text;

namespace WhatsTheTab.Silo.Web.Security;

/// <summary>
/// The configured API keys, held only as SHA-256 hashes; a presented key is hashed and compared with every configured
/// hash in constant time (<see cref="CryptographicOperations.FixedTimeEquals"/>), so neither the match nor its position
/// shows in the timing.
/// </summary>
public sealed class ApiKeyRing
{
    private readonly IReadOnlyList<ApiKey> _keys;

    public ApiKeyRing(IReadOnlyList<ApiKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _keys = keys;
    }

    /// <summary>Whether any key is configured.</summary>
    public bool Any => _keys.Count > 0;

    /// <summary>The SHA-256 of a key as the ring stores it.</summary>
    public static byte[] Hash(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return SHA256.HashData(Encoding.UTF8.GetBytes(key));
    }

    /// <summary>The id of the key equal to <paramref name="presented"/>, or null.</summary>
    public string? Find(string presented)
    {
        ArgumentNullException.ThrowIfNull(presented);
        var hash = Hash(presented);
        string? match = null;
        foreach (var key in _keys)
        {
            // No early exit: every configured key is compared.
            if (CryptographicOperations.FixedTimeEquals(hash, key.KeyHash.Span))
            {
                match ??= key.Id;
            }
        }

        return match;
    }
}
