namespace WhatsTheTab.Cli;

/// <summary>The process exit codes wtt documents in its help.</summary>
public static class ExitCodes
{
    /// <summary>Every file was transcribed.</summary>
    public const int Success = 0;

    /// <summary>At least one file could not be transcribed (the others were), or nothing could start (no model, no output folder).</summary>
    public const int Failure = 1;

    /// <summary>The command line was wrong: unknown option, bad value, missing file argument. Nothing was transcribed.</summary>
    public const int Usage = 2;

    /// <summary>Interrupted with Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;
}
