using TorchSharp;
using static TorchSharp.torch;

namespace WhatsTheTab.Transcription.Model;

/// <summary>
/// Runs a <see cref="TfjsGraph"/> with TorchSharp tensor operations. Tensors keep TensorFlow's NHWC layout; a convolution
/// views its input as NCHW (which is channels-last memory, the layout oneDNN runs fastest on the CPU) and its output back.
/// Float tensors live on the chosen device; shape arithmetic (int32) stays on the CPU.
/// </summary>
internal sealed class GraphInterpreter : IDisposable
{
    private readonly TfjsGraph _graph;
    private readonly Device _device;
    private readonly Dictionary<string, Tensor> _constants = [];
    private readonly Dictionary<string, Tensor> _convolutionFilters = [];
    private readonly Dictionary<string, int> _consumerCounts = [];
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(int Before, int Length, int After), Tensor> _reflectionIndices = new();

    public GraphInterpreter(TfjsGraph graph, Device device)
    {
        _graph = graph;
        _device = device;
        foreach (var constant in graph.Constants.Values)
        {
            _constants[constant.Name] = constant.Floats is not null
                ? torch.tensor(constant.Floats, constant.Shape, ScalarType.Float32, device)
                : torch.tensor(constant.Ints!, constant.Shape, ScalarType.Int32, CPU);
        }

        foreach (var node in graph.Nodes)
        {
            foreach (var input in node.Inputs)
            {
                _consumerCounts[input] = _consumerCounts.GetValueOrDefault(input) + 1;
            }

            // TensorFlow filters are [kh, kw, in, out]; torch wants [out, in, kh, kw]. Converted once, not per call.
            if (node.Op is "Conv2D" or "_FusedConv2D" && _constants.TryGetValue(node.Inputs[1], out var filter))
            {
                _convolutionFilters[node.Name] = filter.permute(3, 2, 0, 1).contiguous();
            }
        }
    }

    /// <summary>Runs the graph on one input and returns the named outputs (node names), in the order asked for.</summary>
    public Tensor[] Run(Tensor input, IReadOnlyList<string> outputNames)
    {
        using var scope = NewDisposeScope();
        using var mode = inference_mode();
        var values = new Dictionary<string, Tensor>(_graph.Nodes.Count) { [_graph.InputName] = input };
        var remaining = new Dictionary<string, int>(_consumerCounts);
        var keep = new HashSet<string>(outputNames) { _graph.InputName };

        foreach (var node in _graph.Nodes)
        {
            var inputs = new Tensor[node.Inputs.Count];
            for (var i = 0; i < inputs.Length; i++)
            {
                var name = node.Inputs[i];
                inputs[i] = values.TryGetValue(name, out var value) ? value : _constants[name];
            }

            values[node.Name] = Execute(node, inputs);

            // Free intermediates as soon as their last consumer ran, so peak memory is a few layers, not the graph.
            foreach (var name in node.Inputs)
            {
                if (--remaining[name] == 0 && !keep.Contains(name) && values.Remove(name, out var spent))
                {
                    spent.Dispose();
                }
            }
        }

        var results = outputNames.Select(name => values[name]).ToArray();
        foreach (var result in results)
        {
            result.MoveToOuterDisposeScope();
        }

        return results;
    }

    public void Dispose()
    {
        foreach (var tensor in _constants.Values.Concat(_convolutionFilters.Values).Concat(_reflectionIndices.Values))
        {
            tensor.Dispose();
        }

        _constants.Clear();
        _convolutionFilters.Clear();
        _reflectionIndices.Clear();
    }

    private Tensor Execute(GraphNode node, Tensor[] x) => node.Op switch
    {
        "Identity" => x[0].alias(),
        "Shape" => torch.tensor(x[0].shape.Select(d => (int)d).ToArray(), [x[0].dim()], ScalarType.Int32, CPU),
        "StridedSlice" => StridedSlice(node, x[0], Ints(x[1]), Ints(x[2]), Ints(x[3])),
        "Pack" => torch.stack(x, Axis(node.Int("axis"), x[0].dim() + 1)),
        "ConcatV2" => torch.cat(x[..^1], Axis(Ints(x[^1])[0], x[0].dim())),
        "Reshape" => x[0].reshape(Ints(x[1]).Select(d => (long)d).ToArray()),
        "Transpose" => x[0].permute(Ints(x[1]).Select(d => (long)d).ToArray()),
        "ExpandDims" => x[0].unsqueeze(Axis(Ints(x[1])[0], x[0].dim() + 1)),
        "Squeeze" => Squeeze(x[0], node.Ints("squeeze_dims")),
        "Pad" => Pad(x[0], Ints(x[1])),
        "MirrorPad" => MirrorPad(node, x[0], Ints(x[1]), _reflectionIndices),
        "Conv2D" or "_FusedConv2D" => Convolution(node, x),
        "Neg" => x[0].neg(),
        "Mul" => x[0].mul(x[1]),
        "Add" or "AddV2" => x[0].add(x[1]),
        "Sub" => x[0].sub(x[1]),
        "Square" => x[0].square(),
        "Sqrt" => x[0].sqrt(),
        "Log" => x[0].log(),
        "Sigmoid" => x[0].sigmoid(),
        "Relu" => x[0].relu(),
        "DivNoNan" => DivNoNan(x[0], x[1]),
        "Sum" => x[0].sum(Axes(x[1], x[0].dim()), node.Bool("keep_dims")),
        "Min" => x[0].amin(Axes(x[1], x[0].dim()), node.Bool("keep_dims")),
        "Max" => x[0].amax(Axes(x[1], x[0].dim()), node.Bool("keep_dims")),
        _ => throw new NotSupportedException($"Graph op '{node.Op}' (node '{node.Name}') is not supported."),
    };

    private static int[] Ints(Tensor tensor) => tensor.data<int>().ToArray();

    private static long Axis(long axis, long rank) => axis < 0 ? axis + rank : axis;

    private static long[] Axes(Tensor axes, long rank) => [.. Ints(axes).Select(a => Axis(a, rank))];

    private static Tensor Squeeze(Tensor input, long[] dims)
    {
        if (dims.Length == 0)
        {
            return input.squeeze();
        }

        var result = input;
        foreach (var dim in dims.Select(d => Axis(d, input.dim())).OrderDescending())
        {
            result = result.squeeze(dim);
        }

        return result;
    }

    private static Tensor StridedSlice(GraphNode node, Tensor input, int[] begin, int[] end, int[] strides)
    {
        if (node.Int("ellipsis_mask") != 0)
        {
            throw new NotSupportedException($"StridedSlice with an ellipsis (node '{node.Name}') is not supported.");
        }

        long beginMask = node.Int("begin_mask"), endMask = node.Int("end_mask");
        long newAxisMask = node.Int("new_axis_mask"), shrinkMask = node.Int("shrink_axis_mask");
        var result = input;
        int inputDim = 0, outputDim = 0;
        for (var i = 0; i < begin.Length; i++)
        {
            var bit = 1L << i;
            if ((newAxisMask & bit) != 0)
            {
                result = result.unsqueeze(outputDim++);
                continue;
            }

            var size = input.shape[inputDim++];
            if ((shrinkMask & bit) != 0)
            {
                result = result.select(outputDim, begin[i] < 0 ? begin[i] + size : begin[i]);
                continue;
            }

            if (strides[i] <= 0)
            {
                throw new NotSupportedException($"StridedSlice with stride {strides[i]} (node '{node.Name}') is not supported.");
            }

            var from = (beginMask & bit) != 0 ? 0 : Math.Clamp(begin[i] < 0 ? begin[i] + size : begin[i], 0, size);
            var to = (endMask & bit) != 0 ? size : Math.Clamp(end[i] < 0 ? end[i] + size : end[i], 0, size);
            result = result.slice(outputDim++, from, Math.Max(from, to), strides[i]);
        }

        return result;
    }

    // torch's pad list runs from the last dimension backwards: [lastBefore, lastAfter, previousBefore, ...].
    private static long[] TorchPadding(int[] paddings, long rank)
    {
        var pads = new long[2 * rank];
        for (var d = 0; d < rank; d++)
        {
            pads[2 * (rank - 1 - d)] = paddings[2 * d];
            pads[(2 * (rank - 1 - d)) + 1] = paddings[(2 * d) + 1];
        }

        return pads;
    }

    private static Tensor Pad(Tensor input, int[] paddings) =>
        nn.functional.pad(input, TorchPadding(paddings, input.dim()), PaddingModes.Constant, 0);

    // TensorFlow's REFLECT mirrors without repeating the edge sample; done with an index gather so it works on any axis.
    private static Tensor MirrorPad(GraphNode node, Tensor input, int[] paddings, System.Collections.Concurrent.ConcurrentDictionary<(int, int, int), Tensor> indexCache)
    {
        var mode = node.String("mode");
        if (mode != "REFLECT")
        {
            throw new NotSupportedException($"MirrorPad mode '{mode}' (node '{node.Name}') is not supported.");
        }

        var result = input;
        for (var d = 0; d < input.dim(); d++)
        {
            int before = paddings[2 * d], after = paddings[(2 * d) + 1];
            if (before == 0 && after == 0)
            {
                continue;
            }

            var length = (int)input.shape[d];
            var device = input.device;
            var indexTensor = indexCache.GetOrAdd((before, length, after), key => ReflectionIndex(key.Item1, key.Item2, key.Item3, device));
            result = result.index_select(d, indexTensor);
        }

        return result;
    }

    // Built once per shape and kept (outside any dispose scope) for every later batch.
    private static Tensor ReflectionIndex(int before, int length, int after, Device device)
    {
        var index = new long[before + length + after];
        for (var j = 0; j < index.Length; j++)
        {
            var source = j - before;
            index[j] = source < 0 ? -source : source >= length ? (2 * (length - 1)) - source : source;
        }

        return torch.tensor(index, device: device).DetachFromDisposeScope();
    }

    private static Tensor DivNoNan(Tensor numerator, Tensor denominator)
    {
        using var zero = denominator.eq(0);
        using var safe = denominator.masked_fill(zero, 1);
        using var quotient = numerator.div(safe);
        return quotient.masked_fill(zero, 0);
    }

    private Tensor Convolution(GraphNode node, Tensor[] x)
    {
        if (node.String("data_format", "NHWC") != "NHWC")
        {
            throw new NotSupportedException($"Conv2D data format '{node.String("data_format")}' (node '{node.Name}') is not supported.");
        }

        var filter = _convolutionFilters.TryGetValue(node.Name, out var cached) ? cached : x[1].permute(3, 2, 0, 1);
        Tensor? bias = null;
        var relu = false;
        if (node.Op == "_FusedConv2D")
        {
            foreach (var fused in node.Strings("fused_ops"))
            {
                switch (fused)
                {
                    case "BiasAdd": bias = x[2]; break;
                    case "Relu": relu = true; break;
                    default: throw new NotSupportedException($"Fused op '{fused}' (node '{node.Name}') is not supported.");
                }
            }
        }

        var strides = node.Ints("strides");
        var dilations = node.Ints("dilations");
        long strideH = strides.Length == 4 ? strides[1] : 1, strideW = strides.Length == 4 ? strides[2] : 1;
        long dilationH = dilations.Length == 4 ? dilations[1] : 1, dilationW = dilations.Length == 4 ? dilations[2] : 1;

        var nchw = x[0].permute(0, 3, 1, 2);
        long padH = 0, padW = 0;
        var padding = node.String("padding");
        if (padding == "SAME")
        {
            var (top, bottom) = SamePadding(nchw.shape[2], filter.shape[2], strideH, dilationH);
            var (left, right) = SamePadding(nchw.shape[3], filter.shape[3], strideW, dilationW);
            if (top == bottom && left == right)
            {
                (padH, padW) = (top, left);
            }
            else
            {
                nchw = nn.functional.pad(nchw, [left, right, top, bottom], PaddingModes.Constant, 0);
            }
        }
        else if (padding != "VALID")
        {
            throw new NotSupportedException($"Conv2D padding '{padding}' (node '{node.Name}') is not supported.");
        }

        var output = nn.functional.conv2d(nchw, filter, bias, strides: [strideH, strideW], padding: [padH, padW], dilation: [dilationH, dilationW]);
        if (relu)
        {
            output = output.relu_();
        }

        return output.permute(0, 2, 3, 1);
    }

    private static (long Before, long After) SamePadding(long size, long kernel, long stride, long dilation)
    {
        var effective = ((kernel - 1) * dilation) + 1;
        var outputSize = (size + stride - 1) / stride;
        var total = Math.Max(((outputSize - 1) * stride) + effective - size, 0);
        return (total / 2, total - (total / 2));
    }
}
