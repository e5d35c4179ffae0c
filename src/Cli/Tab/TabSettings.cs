using WhatsTheTab.Tablature;
using WhatsTheTab.Tablature.Export;

namespace WhatsTheTab.Cli.Tab;

/// <summary>
/// What a command was asked to do about tablature: the engine's options (null when invalid), the files to write, whether
/// a MIDI input's own tempo is used instead of an estimate, and any errors.
/// </summary>
public sealed record TabSettings(TabOptions? Options, IReadOnlyList<TabFormat> Formats, bool UseMidiTempo, IReadOnlyList<string> Errors);
