namespace WhatsTheTab.Transcription.Model;

/// <summary>A weight or constant of the graph as read from the weights file: float32 or int32 values with a shape.</summary>
internal sealed record GraphConstant(string Name, long[] Shape, float[]? Floats, int[]? Ints)
{
    public long ElementCount => Floats?.Length ?? Ints?.Length ?? 0;
}
