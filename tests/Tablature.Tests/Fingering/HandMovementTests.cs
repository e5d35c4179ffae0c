using WhatsTheTab.Tablature.Fingering;
using WhatsTheTab.Tablature.Tests.Pieces;
using Xunit.Abstractions;

namespace WhatsTheTab.Tablature.Tests.Fingering;

/// <summary>
/// The global fingering against the naive lowest-fret assignment, measured as <see cref="HandTravel"/>: the least total
/// distance the index finger travels so a hand covering hand-span frets reaches every fretted note when it is played.
/// </summary>
public sealed class HandMovementTests(ITestOutputHelper output)
{
    [Fact]
    public void GlobalFingering_TravelsAtLeast30PercentLessThanLowestFret()
    {
        int ours = 0;
        int naive = 0;
        foreach (TabPiece piece in HandMovementPieces.All)
        {
            TabScore score = TablatureBuilder.Build(piece.Notes, piece.Options);
            int pieceOurs = HandTravel.Of(score);
            int pieceNaive = HandTravel.Of(LowestFretFingering.FretsOf(score), piece.Options.HandSpan);
            output.WriteLine($"{piece.Name,-28} global {pieceOurs,3}  lowest-fret {pieceNaive,3}  ({score.Events.Count} events)");
            Assert.True(pieceOurs <= pieceNaive, $"{piece.Name}: {pieceOurs} > {pieceNaive}");
            ours += pieceOurs;
            naive += pieceNaive;
        }

        output.WriteLine($"{"all",-28} global {ours,3}  lowest-fret {naive,3}  ({1 - ((double)ours / naive):P0} less)");
        Assert.True(ours <= 0.7 * naive, $"global {ours} vs lowest-fret {naive}");
    }

    [Fact]
    public void HandTravel_CountsOnlyTheMovesAWindowMustMake()
    {
        int[][] boxRun = [[5], [8], [5], [7], [5], [7], [5], [8]];
        int[][] jumps = [[1], [8], [1]];

        Assert.Equal(0, HandTravel.Of(boxRun, 4));
        Assert.Equal(8, HandTravel.Of(jumps, 4));
        Assert.Equal(0, HandTravel.Of([[0], [3, 0, 2], [0]], 4));
        Assert.Equal(14, HandTravel.LowestFretTravel(jumps));
    }

    [Fact]
    public void LowestFret_PutsEveryNoteWhereItsFretIsLowest()
    {
        TabScore score = TabTesting.Build(new BeatNotes().Run(1, 64, 69, 76));

        Assert.Equal([[(1, 0)], [(1, 5)], [(1, 12)]], LowestFretFingering.Of(score).Select(e => e.ToArray()));
    }
}
