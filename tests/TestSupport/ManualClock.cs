namespace WhatsTheTab.TestSupport;

/// <summary>A <see cref="TimeProvider"/> whose time moves only when a test says so, for lease and back-off deadlines.</summary>
public sealed class ManualClock : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset _now;

    /// <summary>Starts at <paramref name="start"/>.</summary>
    public ManualClock(DateTimeOffset start) => _now = start;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    /// <summary>Moves the time forward by <paramref name="by"/> and returns the new time.</summary>
    public DateTimeOffset Advance(TimeSpan by)
    {
        lock (_gate)
        {
            _now += by;
            return _now;
        }
    }
}
