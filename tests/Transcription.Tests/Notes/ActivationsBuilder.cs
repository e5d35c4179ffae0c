using WhatsTheTab.Transcription.Notes;

namespace WhatsTheTab.Transcription.Tests.Notes;

/// <summary>Builds hand-made activations by MIDI pitch and frame.</summary>
internal sealed class ActivationsBuilder(int frameCount)
{
    private readonly float[] _notes = new float[frameCount * Activations.PitchBins];
    private readonly float[] _onsets = new float[frameCount * Activations.PitchBins];
    private readonly float[] _contours = new float[frameCount * Activations.ContourBins];

    /// <summary>Frame activation <paramref name="value"/> for MIDI <paramref name="pitch"/> over frames [start, end).</summary>
    public ActivationsBuilder Frames(int pitch, int start, int end, float value)
    {
        for (int t = start; t < end; t++)
        {
            _notes[(t * Activations.PitchBins) + pitch - 21] = value;
        }

        return this;
    }

    public ActivationsBuilder Onset(int pitch, int frame, float value)
    {
        _onsets[(frame * Activations.PitchBins) + pitch - 21] = value;
        return this;
    }

    public ActivationsBuilder Contour(int bin, int start, int end, float value)
    {
        for (int t = start; t < end; t++)
        {
            _contours[(t * Activations.ContourBins) + bin] = value;
        }

        return this;
    }

    public Activations Build(bool withContours = true) =>
        new(frameCount, _notes, _onsets, withContours ? _contours : null);
}
