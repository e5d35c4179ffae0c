namespace WhatsTheTab.TestSupport;

/// <summary>
/// Polls until a condition holds and returns the last value read, so the test asserts on the value (what the system
/// did), never on how long it took; the allowance only bounds a test whose condition never comes true.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan Allowance = TimeSpan.FromSeconds(60);

    public static async Task<T> ReadAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? allowance = null)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(done);
        var deadline = DateTime.UtcNow + (allowance ?? Allowance);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(100);
        }
    }
}
