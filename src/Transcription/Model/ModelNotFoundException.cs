namespace WhatsTheTab.Transcription.Model;

/// <summary>The basic-pitch weights are not where the engine looked; the message names the command that installs them.</summary>
public sealed class ModelNotFoundException : Exception
{
    public ModelNotFoundException(string message)
        : base(message)
    {
    }

    public ModelNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ModelNotFoundException()
    {
    }
}
