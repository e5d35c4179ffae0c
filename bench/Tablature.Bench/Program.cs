using System.Diagnostics;
using System.Globalization;
using WhatsTheTab.Tablature;
using WhatsTheTab.Tablature.Export;
using WhatsTheTab.Tablature.Fingering;
using WhatsTheTab.Tablature.Tests.Pieces;

// Usage: bench/run-tab-bench.sh [--runs N]   (or: dotnet WhatsTheTab.Tablature.Bench.dll [--runs N] [--show NAME])
int runs = args is ["--runs", var r, ..] ? int.Parse(r, CultureInfo.InvariantCulture) : 15;
if (args is ["--show", var show])
{
    TabPiece piece = HandMovementPieces.All.First(p => p.Name.Contains(show, StringComparison.OrdinalIgnoreCase));
    Console.WriteLine(AsciiTabWriter.ToText(TablatureBuilder.Build(piece.Notes, piece.Options)));
    return 0;
}

var notes = GeneratedPiece.Create();
var options = new TabOptions { Title = "Generated piece" };
var table = new List<(string What, string Value)>();
void Row(string what, string value)
{
    table.Add((what, value));
    Console.Error.WriteLine($"  {what}: {value}");
}

Console.Error.WriteLine($"Piece: {notes.Count} notes over {notes[^1].EndSeconds / 60:F1} min; machine: {Environment.ProcessorCount} cores; {runs} timed runs after one cold run and two warm-ups");

(double Total, double Build, long Chars) Once()
{
    var clock = Stopwatch.StartNew();
    TabScore score = TablatureBuilder.Build(notes, options);
    double build = clock.Elapsed.TotalMilliseconds;
    long chars = AsciiTabWriter.ToText(score).Length + MusicXmlWriter.ToXml(score).Length + AlphaTexWriter.ToText(score).Length;
    return (clock.Elapsed.TotalMilliseconds, build, chars);
}

var cold = Once();
Once();
Once();
var timed = Enumerable.Range(0, runs).Select(_ => Once()).ToList();
double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

TabScore final = TablatureBuilder.Build(notes, options);
Row($"{notes.Count}-note piece of {notes[^1].EndSeconds / 60:F1} min, grid + fingering + ASCII + MusicXML + alphaTex, median", $"{Median(timed.Select(t => t.Total)):F0} ms (build {Median(timed.Select(t => t.Build)):F0} ms, writers {Median(timed.Select(t => t.Total - t.Build)):F0} ms)");
Row("same, first (cold) run", $"{cold.Total:F0} ms");
Row("output size", $"{cold.Chars / 1024.0 / 1024:F1} M characters; {final.Notes.Count} notes placed, {final.Report.Dropped.Count} dropped, {final.Report.Transposed.Count} transposed; estimated {final.Grid.EstimatedTempoBpm:F1} bpm (confidence {final.Grid.Confidence:F2})");

int oursTotal = 0;
int naiveTotal = 0;
foreach (TabPiece piece in HandMovementPieces.All)
{
    TabScore score = TablatureBuilder.Build(piece.Notes, piece.Options);
    int ours = HandTravel.Of(score);
    int naive = HandTravel.Of(LowestFretFingering.FretsOf(score), piece.Options.HandSpan);
    int oursLowest = HandTravel.LowestFretTravel([.. score.Events.Select(e => (IReadOnlyList<int>)[.. e.Notes.Select(n => n.Fret)])]);
    int naiveLowest = HandTravel.LowestFretTravel(LowestFretFingering.FretsOf(score));
    oursTotal += ours;
    naiveTotal += naive;
    Row($"hand travel, {piece.Name}", $"{ours} vs naive {naive} frets ({Ratio(ours, naive)}); lowest-fret measure {oursLowest} vs {naiveLowest}");
}

Row("hand travel, all pieces", $"{oursTotal} vs naive {naiveTotal} frets ({Ratio(oursTotal, naiveTotal)})");

Console.WriteLine();
Console.WriteLine("| measure | value |");
Console.WriteLine("|---|---|");
foreach (var (what, value) in table)
{
    Console.WriteLine($"| {what} | {value} |");
}

return 0;

static string Ratio(int ours, int naive) => naive == 0 ? "naive 0" : $"{(double)ours / naive:P0} of naive, {1 - ((double)ours / naive):P0} less";
