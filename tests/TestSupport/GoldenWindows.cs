using System.Buffers.Binary;
using System.Text.Json;

namespace WhatsTheTab.TestSupport;

/// <summary>
/// The golden outputs of the reference basic-pitch graph (tfjs wasm backend) for a few synthetic
/// windows, written by <c>model/scripts/golden.mjs</c> to
/// <c>tests/Transcription.Tests/TestData/golden-windows.{bin,json}</c>.
/// </summary>
public sealed class GoldenWindows
{
    private GoldenWindows(IReadOnlyList<string> windowNames, IReadOnlyDictionary<string, GoldenTensor> tensors)
    {
        WindowNames = windowNames;
        Tensors = tensors;
    }

    /// <summary>Names of the windows in batch order.</summary>
    public IReadOnlyList<string> WindowNames { get; }

    public int Count => WindowNames.Count;

    /// <summary>All tensors by name: <c>input</c>, <c>Identity</c>, <c>Identity_1</c>, <c>Identity_2</c>.</summary>
    public IReadOnlyDictionary<string, GoldenTensor> Tensors { get; }

    /// <summary>Input audio [count, 43844, 1].</summary>
    public GoldenTensor Input => Tensors["input"];

    /// <summary>Contours (<c>Identity</c>) [count, 172, 264].</summary>
    public GoldenTensor Contours => Tensors["Identity"];

    /// <summary>Notes / frames (<c>Identity_1</c>) [count, 172, 88].</summary>
    public GoldenTensor Notes => Tensors["Identity_1"];

    /// <summary>Onsets (<c>Identity_2</c>) [count, 172, 88].</summary>
    public GoldenTensor Onsets => Tensors["Identity_2"];

    /// <summary>Loads the sidecar JSON and the binary from <paramref name="directory"/> (default: the committed TestData folder).</summary>
    public static GoldenWindows Load(string? directory = null)
    {
        directory ??= RepoPaths.TranscriptionTestDataDir;
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "golden-windows.json")));
        var root = doc.RootElement;
        var bytes = File.ReadAllBytes(Path.Combine(directory, root.GetProperty("file").GetString()!));
        var totalBytes = root.GetProperty("totalBytes").GetInt64();
        if (bytes.LongLength != totalBytes)
        {
            throw new InvalidDataException($"golden-windows.bin has {bytes.LongLength} bytes; the sidecar says {totalBytes}.");
        }

        var names = root.GetProperty("windows").EnumerateArray().Select(w => w.GetProperty("name").GetString()!).ToList();
        var tensors = new Dictionary<string, GoldenTensor>(StringComparer.Ordinal);
        foreach (var t in root.GetProperty("tensors").EnumerateArray())
        {
            var name = t.GetProperty("name").GetString()!;
            var shape = t.GetProperty("shape").EnumerateArray().Select(x => x.GetInt32()).ToList();
            var offset = t.GetProperty("offsetBytes").GetInt32();
            var length = t.GetProperty("lengthFloats").GetInt32();
            if (shape.Aggregate(1, (a, b) => a * b) != length || offset + (length * 4L) > bytes.LongLength)
            {
                throw new InvalidDataException($"Tensor '{name}' layout does not fit the file.");
            }

            var values = new float[length];
            for (var i = 0; i < length; i++)
            {
                values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(offset + (4 * i), 4));
            }

            tensors[name] = new GoldenTensor(name, shape, values);
        }

        return new GoldenWindows(names, tensors);
    }
}
