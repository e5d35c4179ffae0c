using System.Security.Claims;

namespace WhatsTheTab.Silo.Web.Jobs;

/// <summary>
/// Who is asking: the authenticated caller's name (the API key's id once keys are configured), or null when the API
/// is open. A job belongs to the owner that created it and is invisible (404) to any other owner.
/// </summary>
public static class JobOwner
{
    public static string? Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = context.User;
        return user.Identity is { IsAuthenticated: true } identity
            ? identity.Name ?? user.FindFirst(ClaimTypes.NameIdentifier)?.Value
            : null;
    }

    /// <summary>Whether <paramref name="owner"/> may see a job owned by <paramref name="jobOwner"/>.</summary>
    public static bool MaySee(string? owner, string? jobOwner) => owner is null || string.Equals(owner, jobOwner, StringComparison.Ordinal);
}
