using System.Xml.Linq;
using WhatsTheTab.Tablature.Rhythm;

namespace WhatsTheTab.Tablature.Tests.Export;

/// <summary>Structural checks of a written MusicXML tab, independent of the writer.</summary>
internal static class MusicXmlChecks
{
    public static void AssertWellFormedTab(XDocument document, TabScore score)
    {
        XElement root = document.Root!;
        Assert.Equal("score-partwise", root.Name.LocalName);
        Assert.Equal("4.0", root.Attribute("version")?.Value);
        XElement part = Assert.Single(root.Elements("part"));
        Assert.Equal("P1", part.Attribute("id")?.Value);
        Assert.Equal("P1", root.Element("part-list")?.Element("score-part")?.Attribute("id")?.Value);

        int divisions = int.Parse(part.Descendants("divisions").Single().Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(BeatGrid.TicksPerQuarter, divisions);
        XElement time = part.Descendants("time").Single();
        int barLength = int.Parse(time.Element("beats")!.Value, System.Globalization.CultureInfo.InvariantCulture) * 4 * divisions
            / int.Parse(time.Element("beat-type")!.Value, System.Globalization.CultureInfo.InvariantCulture);

        var measures = part.Elements("measure").ToList();
        Assert.Equal(score.Measures.Count, measures.Count);
        var openTies = new Dictionary<(string Staff, string String), int>();
        foreach (XElement measure in measures)
        {
            // Walk the bar: notes advance time (chord notes do not), backup goes back; every staff's voice fills the bar.
            var filled = new Dictionary<string, int>();
            int position = 0;
            foreach (XElement element in measure.Elements())
            {
                switch (element.Name.LocalName)
                {
                    case "note":
                        int duration = int.Parse(element.Element("duration")!.Value, System.Globalization.CultureInfo.InvariantCulture);
                        string staff = element.Element("staff")!.Value;
                        if (element.Element("chord") is null)
                        {
                            position += duration;
                            filled[staff] = filled.GetValueOrDefault(staff) + duration;
                        }

                        CheckNote(element, staff, openTies);
                        break;
                    case "backup":
                        position -= int.Parse(element.Element("duration")!.Value, System.Globalization.CultureInfo.InvariantCulture);
                        Assert.True(position >= 0);
                        break;
                }
            }

            Assert.Equal(barLength, filled.GetValueOrDefault("1"));
            Assert.Equal(barLength, filled.GetValueOrDefault("2"));
        }

        Assert.DoesNotContain(openTies, t => t.Value != 0);
    }

    /// <summary>Pitched notes carry string and fret; a tie start is matched by the next note on that string in that staff.</summary>
    private static void CheckNote(XElement note, string staff, Dictionary<(string Staff, string String), int> openTies)
    {
        if (note.Element("rest") is not null)
        {
            Assert.Null(note.Element("tie"));
            return;
        }

        XElement technical = note.Element("notations")?.Element("technical") ?? throw new Xunit.Sdk.XunitException("A note without <technical>.");
        string stringNumber = technical.Element("string")?.Value ?? throw new Xunit.Sdk.XunitException("A note without <string>.");
        Assert.NotNull(technical.Element("fret"));
        Assert.NotNull(note.Element("pitch"));

        var ties = note.Elements("tie").Select(t => t.Attribute("type")!.Value).ToList();
        var tied = note.Element("notations")!.Elements("tied").Select(t => t.Attribute("type")!.Value).ToList();
        Assert.Equal(ties, tied);
        (string, string) key = (staff, stringNumber);
        int open = openTies.GetValueOrDefault(key);
        if (ties.Contains("stop"))
        {
            Assert.Equal(1, open);
            open = 0;
        }
        else
        {
            Assert.Equal(0, open);
        }

        if (ties.Contains("start"))
        {
            open = 1;
        }

        openTies[key] = open;
    }
}
