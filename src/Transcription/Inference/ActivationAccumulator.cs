using WhatsTheTab.Transcription.Model;
using WhatsTheTab.Transcription.Notes;

namespace WhatsTheTab.Transcription.Inference;

/// <summary>
/// Stitches window outputs into one time line as basic-pitch does: 15 frames trimmed from each side of every window,
/// then everything past the audio's length cut. Contours are kept only when asked (they are 3× the size of the rest).
/// </summary>
public sealed class ActivationAccumulator
{
    private readonly bool _keepContours;
    private float[] _notes;
    private float[] _onsets;
    private float[] _contours;
    private int _frames;

    public ActivationAccumulator(bool keepContours, int expectedFrames = 0)
    {
        _keepContours = keepContours;
        var capacity = Math.Max(expectedFrames, Framing.KeptFramesPerWindow);
        _notes = new float[capacity * Activations.PitchBins];
        _onsets = new float[capacity * Activations.PitchBins];
        _contours = keepContours ? new float[capacity * Activations.ContourBins] : [];
    }

    public int Frames => _frames;

    public void Append(WindowOutputs outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        EnsureCapacity(_frames + (outputs.Windows * Framing.KeptFramesPerWindow));
        for (var w = 0; w < outputs.Windows; w++)
        {
            var firstFrame = (w * BasicPitchModel.FramesPerWindow) + Framing.TrimFrames;
            Copy(outputs.Notes, _notes, firstFrame, Activations.PitchBins);
            Copy(outputs.Onsets, _onsets, firstFrame, Activations.PitchBins);
            if (_keepContours)
            {
                Copy(outputs.Contours, _contours, firstFrame, Activations.ContourBins);
            }

            _frames += Framing.KeptFramesPerWindow;
        }
    }

    /// <summary>The stitched activations for a recording of <paramref name="audioSamples"/> samples.</summary>
    public Activations Build(long audioSamples)
    {
        var frames = Math.Min(Framing.FrameCount(audioSamples), _frames);
        return new Activations(frames, _notes, _onsets, _keepContours ? _contours : null);
    }

    private void Copy(float[] source, float[] destination, int firstFrame, int width) =>
        source.AsSpan(firstFrame * width, Framing.KeptFramesPerWindow * width).CopyTo(destination.AsSpan(_frames * width));

    private void EnsureCapacity(int frames)
    {
        if (frames * Activations.PitchBins <= _notes.Length)
        {
            return;
        }

        var capacity = Math.Max(frames, _notes.Length / Activations.PitchBins * 2);
        Array.Resize(ref _notes, capacity * Activations.PitchBins);
        Array.Resize(ref _onsets, capacity * Activations.PitchBins);
        if (_keepContours)
        {
            Array.Resize(ref _contours, capacity * Activations.ContourBins);
        }
    }
}
