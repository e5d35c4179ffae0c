namespace WhatsTheTab.Storage.Tests.Media;

/// <summary>Compares what a store returns with the pattern that went in, a buffer at a time.</summary>
internal static class StreamComparison
{
    /// <summary>Reads <paramref name="actual"/> to its end with <paramref name="readSize"/>-byte reads; returns how many bytes matched <paramref name="expected"/> before the first difference or end.</summary>
    public static async Task<long> MatchingPrefixAsync(Stream actual, Stream expected, int readSize = 64 * 1024)
    {
        var actualBuffer = new byte[readSize];
        var expectedBuffer = new byte[readSize];
        long matched = 0;
        while (true)
        {
            var read = await actual.ReadAsync(actualBuffer.AsMemory(0, readSize));
            if (read == 0)
            {
                // Nothing more came back: the expected stream must be finished too.
                return await expected.ReadAsync(expectedBuffer.AsMemory(0, 1)) == 0 ? matched : -1;
            }

            var filled = 0;
            while (filled < read)
            {
                var got = await expected.ReadAsync(expectedBuffer.AsMemory(filled, read - filled));
                if (got == 0)
                {
                    return -1;
                }

                filled += got;
            }

            if (!actualBuffer.AsSpan(0, read).SequenceEqual(expectedBuffer.AsSpan(0, read)))
            {
                return -1;
            }

            matched += read;
        }
    }
}
