using Microsoft.Extensions.Options;

namespace WhatsTheTab.Silo.Web.Hosting;

/// <summary>Checks the upload limits.</summary>
public sealed class UploadOptionsValidator : IValidateOptions<UploadOptions>
{
    public ValidateOptionsResult Validate(string? name, UploadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.MaxBytes <= 0)
        {
            errors.Add("Uploads:MaxBytes (Uploads__MaxBytes) must be a positive number of bytes.");
        }

        if (!(options.MaxSeconds > 0) || double.IsInfinity(options.MaxSeconds))
        {
            errors.Add("Uploads:MaxSeconds (Uploads__MaxSeconds) must be a positive number of seconds.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
