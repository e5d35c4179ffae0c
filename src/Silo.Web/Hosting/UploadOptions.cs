namespace WhatsTheTab.Silo.Web.Hosting;

/// <summary>Limits on uploaded audio; bound from section <see cref="SectionName"/>.</summary>
public sealed class UploadOptions
{
    public const string SectionName = "Uploads";

    /// <summary>The largest upload in bytes (default 200 MB = 200 × 1024 × 1024).</summary>
    public long MaxBytes { get; set; } = 200L * 1024 * 1024;

    /// <summary>The longest audio in seconds (default 1200 = 20 minutes).</summary>
    public double MaxSeconds { get; set; } = 1200;
}
