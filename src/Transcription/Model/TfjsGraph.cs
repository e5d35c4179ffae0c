using System.Text.Json;

namespace WhatsTheTab.Transcription.Model;

/// <summary>
/// A TensorFlow.js graph model (<c>model.json</c> plus its weight shards) parsed into nodes in execution order and
/// constants. Only what basic-pitch's graph needs is supported: float32/int32 weights without quantization.
/// </summary>
internal sealed class TfjsGraph
{
    private TfjsGraph(IReadOnlyList<GraphNode> nodes, IReadOnlyDictionary<string, GraphConstant> constants, string inputName, IReadOnlyDictionary<string, string> outputs)
    {
        Nodes = nodes;
        Constants = constants;
        InputName = inputName;
        Outputs = outputs;
    }

    /// <summary>All non-constant nodes, topologically sorted.</summary>
    public IReadOnlyList<GraphNode> Nodes { get; }

    public IReadOnlyDictionary<string, GraphConstant> Constants { get; }

    public string InputName { get; }

    /// <summary>Signature output name (e.g. "contour") → node name (e.g. "Identity").</summary>
    public IReadOnlyDictionary<string, string> Outputs { get; }

    public long WeightCount => Constants.Values.Where(c => c.Floats is not null).Sum(c => c.ElementCount);

    public static TfjsGraph Load(string modelJsonPath)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(modelJsonPath));
        var root = document.RootElement;
        var directory = Path.GetDirectoryName(Path.GetFullPath(modelJsonPath)) ?? ".";
        var constants = ReadWeights(root.GetProperty("weightsManifest"), directory);

        var nodes = new List<GraphNode>();
        string? inputName = null;
        foreach (var element in root.GetProperty("modelTopology").GetProperty("node").EnumerateArray())
        {
            var op = element.GetProperty("op").GetString() ?? throw new InvalidDataException("A graph node has no op.");
            var name = element.GetProperty("name").GetString() ?? throw new InvalidDataException("A graph node has no name.");
            if (op == "Const")
            {
                if (!constants.ContainsKey(name))
                {
                    throw new InvalidDataException($"Constant '{name}' has no entry in the weights manifest.");
                }

                continue;
            }

            if (op == "Placeholder")
            {
                inputName = name;
                continue;
            }

            var inputs = element.TryGetProperty("input", out var inputArray)
                ? inputArray.EnumerateArray().Select(i => NormalizeInput(i.GetString() ?? string.Empty)).Where(i => i.Length > 0).ToArray()
                : [];
            var attributes = element.TryGetProperty("attr", out var attr)
                ? attr.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone())
                : [];
            nodes.Add(new GraphNode(name, op, inputs, attributes));
        }

        var outputs = new Dictionary<string, string>();
        if (root.TryGetProperty("signature", out var signature) && signature.TryGetProperty("outputs", out var outputSpec))
        {
            foreach (var output in outputSpec.EnumerateObject())
            {
                outputs[output.Name] = NormalizeInput(output.Value.GetProperty("name").GetString() ?? string.Empty);
            }
        }

        return new TfjsGraph(
            TopologicalSort(nodes, constants, inputName ?? throw new InvalidDataException("The graph has no input placeholder.")),
            constants,
            inputName,
            outputs);
    }

    // "name:0" is output 0 of "name"; "^name" is a control dependency, which has no data and is dropped.
    private static string NormalizeInput(string input)
    {
        if (input.StartsWith('^'))
        {
            return string.Empty;
        }

        var colon = input.LastIndexOf(':');
        if (colon > 0 && input.AsSpan(colon + 1).SequenceEqual("0"))
        {
            return input[..colon];
        }

        return colon > 0 ? throw new NotSupportedException($"Multi-output reference '{input}' is not supported.") : input;
    }

    private static Dictionary<string, GraphConstant> ReadWeights(JsonElement manifest, string directory)
    {
        var constants = new Dictionary<string, GraphConstant>();
        foreach (var group in manifest.EnumerateArray())
        {
            using var data = new MemoryStream();
            foreach (var path in group.GetProperty("paths").EnumerateArray())
            {
                var file = Path.Combine(directory, path.GetString() ?? throw new InvalidDataException("Empty weight path."));
                using var shard = File.OpenRead(file);
                shard.CopyTo(data);
            }

            var bytes = data.GetBuffer().AsSpan(0, (int)data.Length);
            var offset = 0;
            foreach (var weight in group.GetProperty("weights").EnumerateArray())
            {
                var name = weight.GetProperty("name").GetString() ?? throw new InvalidDataException("A weight has no name.");
                if (weight.TryGetProperty("quantization", out var quantization) && quantization.ValueKind != JsonValueKind.Null)
                {
                    throw new NotSupportedException($"Weight '{name}' is quantized; only float32/int32 weights are supported.");
                }

                var shape = weight.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
                var count = checked((int)shape.Aggregate(1L, (a, b) => a * b));
                var dtype = weight.GetProperty("dtype").GetString();
                if (offset + (4 * count) > bytes.Length)
                {
                    throw new InvalidDataException($"The weights file is shorter than the manifest says (at '{name}').");
                }

                var slice = bytes.Slice(offset, 4 * count);
                constants[name] = dtype switch
                {
                    "float32" => new GraphConstant(name, shape, System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(slice).ToArray(), null),
                    "int32" => new GraphConstant(name, shape, null, System.Runtime.InteropServices.MemoryMarshal.Cast<byte, int>(slice).ToArray()),
                    _ => throw new NotSupportedException($"Weight '{name}' has unsupported dtype '{dtype}'."),
                };
                offset += 4 * count;
            }

            if (offset != bytes.Length)
            {
                throw new InvalidDataException($"The weights file holds {bytes.Length} bytes but the manifest describes {offset}.");
            }
        }

        return constants;
    }

    private static List<GraphNode> TopologicalSort(List<GraphNode> nodes, Dictionary<string, GraphConstant> constants, string inputName)
    {
        var byName = nodes.ToDictionary(n => n.Name);
        var done = new HashSet<string>(constants.Keys) { inputName };
        var sorted = new List<GraphNode>(nodes.Count);
        var visiting = new HashSet<string>();

        void Visit(GraphNode node)
        {
            if (done.Contains(node.Name))
            {
                return;
            }

            if (!visiting.Add(node.Name))
            {
                throw new InvalidDataException($"The graph has a cycle through '{node.Name}'.");
            }

            foreach (var input in node.Inputs)
            {
                if (!done.Contains(input))
                {
                    Visit(byName.TryGetValue(input, out var producer)
                        ? producer
                        : throw new InvalidDataException($"Node '{node.Name}' reads '{input}', which the graph does not define."));
                }
            }

            visiting.Remove(node.Name);
            done.Add(node.Name);
            sorted.Add(node);
        }

        foreach (var node in nodes)
        {
            Visit(node);
        }

        return sorted;
    }
}
