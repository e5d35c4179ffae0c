namespace WhatsTheTab.Tablature.Export;

/// <summary>The forms a <see cref="TabScore"/> can be written in.</summary>
public enum TabFormat
{
    /// <summary>ASCII tab (<see cref="AsciiTabWriter"/>).</summary>
    Text,

    /// <summary>MusicXML 4.0 with a standard staff and a TAB staff (<see cref="MusicXmlWriter"/>).</summary>
    MusicXml,

    /// <summary>alphaTex for alphaTab (<see cref="AlphaTexWriter"/>).</summary>
    AlphaTex,

    /// <summary>Standard MIDI File of the notes as tabbed (<see cref="TabMidiWriter"/>).</summary>
    Midi,

    /// <summary>JSON for programs (<see cref="TabJsonWriter"/>).</summary>
    Json,
}
