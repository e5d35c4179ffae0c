namespace WhatsTheTab.TestSupport.MusicXml;

/// <summary>Thrown when the MusicXML XSD files are missing from <c>tests/.cache/musicxml-xsd</c>; the message names the install command.</summary>
public sealed class MusicXmlSchemaNotInstalledException : InvalidOperationException
{
    public MusicXmlSchemaNotInstalledException()
        : base($"The MusicXML schema is not installed; run: {MusicXmlSchema.InstallCommand}")
    {
    }

    public MusicXmlSchemaNotInstalledException(string message)
        : base(message)
    {
    }

    public MusicXmlSchemaNotInstalledException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
