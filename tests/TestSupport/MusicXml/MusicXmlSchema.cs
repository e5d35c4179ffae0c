using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Schema;

namespace WhatsTheTab.TestSupport.MusicXml;

/// <summary>Validates MusicXML files against the XSD installed by <c>tests/Browser/install-musicxml-xsd.sh</c>, plus the 4.0 header check that schema cannot make.</summary>
/// <remarks>
/// No npm, NuGet or Debian package ships the MusicXML 4.0 XSD, so the installed set is MusicXML 3.1 (see <see cref="SchemaVersion"/>).
/// 4.0 only adds to 3.1, so a file that passes is valid 4.0 too; an element that is new in 4.0 is reported as an error,
/// and the message says that the 3.1 schema cannot check it. The root must carry <c>version="4.0"</c>.
/// </remarks>
public static partial class MusicXmlSchema
{
    /// <summary>The command, run from the repository root, that installs the schema files.</summary>
    public const string InstallCommand = "bash tests/Browser/install-musicxml-xsd.sh";

    /// <summary>The MusicXML version every validated document must declare on its root element.</summary>
    public const string ExpectedDocumentVersion = "4.0";

    private static readonly string[] SchemaFiles = ["musicxml.xsd", "xlink.xsd", "xml.xsd"];

    // Elements of MusicXML 4.0 that the installed 3.1 musicxml.xsd does not define (each checked by name against it).
    private static readonly string[] ElementsNewIn40 =
    [
        "for-part", "part-clef", "part-transpose", "concert-score", "listen", "listening", "assess", "wait", "sync",
        "other-listen", "other-listening", "instrument-link", "player", "player-name", "part-link", "numeral",
        "numeral-root", "numeral-key", "line-detail", "swing",
    ];

    private static readonly Lazy<XmlSchemaSet> LazySchemas = new(LoadSchemas);
    private static readonly Lazy<string> LazySchemaVersion = new(ReadSchemaVersion);

    // A compiled XmlSchemaSet is not documented as safe for concurrent readers; validation is quick, so serialise it.
    private static readonly Lock ValidationLock = new();

    /// <summary><c>tests/.cache/musicxml-xsd</c>: musicxml.xsd and the xlink.xsd / xml.xsd it imports.</summary>
    public static string SchemaDirectory => Path.Combine(RepoPaths.CacheDir, "musicxml-xsd");

    /// <summary>Whether all schema files are present.</summary>
    public static bool IsInstalled => SchemaFiles.All(f => File.Exists(Path.Combine(SchemaDirectory, f)));

    /// <summary>The MusicXML version of the installed XSD, from its header (currently "3.1").</summary>
    public static string SchemaVersion
    {
        get
        {
            EnsureInstalled();
            return LazySchemaVersion.Value;
        }
    }

    /// <summary>Validates the file; returns one message per problem ("line L, column C: ..."), empty when it is valid.</summary>
    /// <exception cref="MusicXmlSchemaNotInstalledException">The XSD files are not installed.</exception>
    public static IReadOnlyList<string> Validate(string musicXmlPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(musicXmlPath);
        EnsureInstalled();
        using var stream = File.OpenRead(musicXmlPath);
        return Validate(stream);
    }

    /// <summary>Validates a MusicXML document read from <paramref name="musicXml"/>; see <see cref="Validate(string)"/>.</summary>
    /// <exception cref="MusicXmlSchemaNotInstalledException">The XSD files are not installed.</exception>
    public static IReadOnlyList<string> Validate(Stream musicXml)
    {
        ArgumentNullException.ThrowIfNull(musicXml);
        EnsureInstalled();
        var errors = new List<string>();
        var settings = new XmlReaderSettings
        {
            ValidationType = ValidationType.Schema,
            Schemas = LazySchemas.Value,
            // No ProcessSchemaLocation / ProcessInlineSchema: a document cannot pick its own schema.
            ValidationFlags = XmlSchemaValidationFlags.ReportValidationWarnings | XmlSchemaValidationFlags.ProcessIdentityConstraints,
            // MusicXML files usually name the partwise DTD; it is neither fetched nor used.
            DtdProcessing = DtdProcessing.Ignore,
            XmlResolver = null,
        };
        settings.ValidationEventHandler += (_, e) => errors.Add(Describe(e));

        lock (ValidationLock)
        {
            try
            {
                using var reader = XmlReader.Create(musicXml, settings);
                var sawRoot = false;
                while (reader.Read())
                {
                    if (!sawRoot && reader.NodeType == XmlNodeType.Element)
                    {
                        sawRoot = true;
                        CheckRoot(reader, errors);
                    }
                }
            }
            catch (XmlException ex)
            {
                errors.Add($"line {ex.LineNumber}, column {ex.LinePosition}: not well-formed XML: {ex.Message}");
            }
        }

        return errors;
    }

    private static void CheckRoot(XmlReader reader, List<string> errors)
    {
        var where = reader is IXmlLineInfo info ? $"line {info.LineNumber}, column {info.LinePosition}: " : string.Empty;
        if (reader.LocalName is not ("score-partwise" or "score-timewise") || reader.NamespaceURI.Length != 0)
        {
            errors.Add($"{where}root element is <{reader.Name}>; MusicXML needs <score-partwise> or <score-timewise> in no namespace.");
            return;
        }

        var version = reader.GetAttribute("version");
        if (version != ExpectedDocumentVersion)
        {
            errors.Add($"{where}<{reader.LocalName}> has version=\"{version ?? "(missing, which means 1.0)"}\"; expected \"{ExpectedDocumentVersion}\".");
        }
    }

    private static string Describe(ValidationEventArgs e)
    {
        var severity = e.Severity == XmlSeverityType.Warning ? "warning: " : string.Empty;
        var message = $"line {e.Exception.LineNumber}, column {e.Exception.LinePosition}: {severity}{e.Message}";
        foreach (var element in ElementsNewIn40)
        {
            if (message.Contains($"'{element}'", StringComparison.Ordinal))
            {
                return $"{message} [<{element}> is new in MusicXML 4.0; the installed MusicXML {LazySchemaVersion.Value} schema cannot check it]";
            }
        }

        return message;
    }

    private static void EnsureInstalled()
    {
        if (!IsInstalled)
        {
            throw new MusicXmlSchemaNotInstalledException(
                $"The MusicXML XSD is not installed in '{SchemaDirectory}' (needs {string.Join(", ", SchemaFiles)}); run from the repository root: {InstallCommand}");
        }
    }

    private static XmlSchemaSet LoadSchemas()
    {
        var directory = SchemaDirectory;
        var resolver = new LocalSchemaResolver(directory, SchemaFiles);
        var problems = new List<string>();
        var schemas = new XmlSchemaSet { XmlResolver = resolver };
        schemas.ValidationEventHandler += (_, e) => problems.Add(e.Message);
        var readerSettings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = resolver };
        using (var reader = XmlReader.Create(Path.Combine(directory, "musicxml.xsd"), readerSettings))
        {
            schemas.Add(targetNamespace: null, reader);
        }

        schemas.Compile();
        if (problems.Count > 0)
        {
            throw new InvalidDataException($"The MusicXML XSD in '{directory}' does not compile: {string.Join("; ", problems)}. Reinstall with: {InstallCommand}");
        }

        return schemas;
    }

    private static string ReadSchemaVersion()
    {
        using var file = File.OpenText(Path.Combine(SchemaDirectory, "musicxml.xsd"));
        var buffer = new char[4096];
        var header = new string(buffer, 0, file.ReadBlock(buffer, 0, buffer.Length));
        var match = SchemaVersionPattern().Match(header);
        return match.Success ? match.Groups[1].Value : "unknown";
    }

    [GeneratedRegex(@"MusicXML W3C XML schema \(XSD\)\s+Version ([0-9.]+)")]
    private static partial Regex SchemaVersionPattern();
}
