namespace WhatsTheTab.Silo.Web.Uploads;

/// <summary>An upload the web tier refuses, with the HTTP status and the message the client sees as problem details.</summary>
public sealed class UploadRejectedException : Exception
{
    public UploadRejectedException(int statusCode, string title, string detail, Exception? inner = null)
        : base(detail, inner)
    {
        StatusCode = statusCode;
        Title = title;
    }

    public UploadRejectedException()
        : this(StatusCodes.Status400BadRequest, "Invalid upload", "The upload was rejected.")
    {
    }

    public UploadRejectedException(string message)
        : this(StatusCodes.Status400BadRequest, "Invalid upload", message)
    {
    }

    public UploadRejectedException(string message, Exception innerException)
        : this(StatusCodes.Status400BadRequest, "Invalid upload", message, innerException)
    {
    }

    /// <summary>The HTTP status to answer with (400, 413, 415 or 422).</summary>
    public int StatusCode { get; }

    /// <summary>A short, fixed title for the kind of problem.</summary>
    public string Title { get; }
}
