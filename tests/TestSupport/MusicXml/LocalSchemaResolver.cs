using System.Xml;

namespace WhatsTheTab.TestSupport.MusicXml;

/// <summary>Resolves the MusicXML schema's imports to files in one local folder and refuses everything else, so validation never goes to the network.</summary>
internal sealed class LocalSchemaResolver : XmlResolver
{
    private readonly string _directory;
    private readonly HashSet<string> _allowedFileNames;

    public LocalSchemaResolver(string directory, IEnumerable<string> allowedFileNames)
    {
        _directory = directory;
        _allowedFileNames = new HashSet<string>(allowedFileNames, StringComparer.Ordinal);
    }

    public override object GetEntity(Uri absoluteUri, string? role, Type? ofObjectToReturn)
    {
        ArgumentNullException.ThrowIfNull(absoluteUri);
        if (ofObjectToReturn is not null && ofObjectToReturn != typeof(Stream) && ofObjectToReturn != typeof(object))
        {
            throw new XmlException($"Cannot return {ofObjectToReturn} for '{absoluteUri}'.");
        }

        // musicxml.xsd imports http://www.musicxml.org/xsd/xml.xsd and .../xlink.xsd; both map to the same-named local file.
        var fileName = Path.GetFileName(absoluteUri.IsFile ? absoluteUri.LocalPath : absoluteUri.AbsolutePath);
        if (!_allowedFileNames.Contains(fileName))
        {
            throw new XmlException($"Refusing to resolve '{absoluteUri}': only {string.Join(", ", _allowedFileNames)} from '{_directory}' are served.");
        }

        return File.OpenRead(Path.Combine(_directory, fileName));
    }
}
