using System.CommandLine;

namespace WhatsTheTab.Cli;

/// <summary>What the commands that take any number of FILE arguments share.</summary>
public static class FileArguments
{
    /// <summary>Rejects FILE values that look like mistyped options: a variadic FILE argument takes "--tempoo" as a file name.</summary>
    public static void RejectOptionLookalikes(Argument<string[]> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        files.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (token.Value.StartsWith('-') && !File.Exists(token.Value))
                {
                    result.AddError($"Unknown option '{token.Value}' (a file whose name starts with '-' can be given as ./{token.Value}).");
                }
            }
        });
    }
}
