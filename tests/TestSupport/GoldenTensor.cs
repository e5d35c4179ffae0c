namespace WhatsTheTab.TestSupport;

/// <summary>One tensor of the golden-windows file: name, shape and row-major values.</summary>
public sealed record GoldenTensor(string Name, IReadOnlyList<int> Shape, float[] Values)
{
    /// <summary>Number of values per window (the product of the shape after the batch dimension).</summary>
    public int PerWindow => Shape.Skip(1).Aggregate(1, (a, b) => a * b);

    /// <summary>The values of window <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> Window(int index) => Values.AsSpan(index * PerWindow, PerWindow);
}
