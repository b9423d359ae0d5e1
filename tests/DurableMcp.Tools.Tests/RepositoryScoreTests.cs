using DurableMcp.Tools.Repositories;

namespace DurableMcp.Tools.Tests;

/// <summary>The documented score: each check's points, and the TODO density steps.</summary>
public sealed class RepositoryScoreTests
{
    [Theory]
    [InlineData(0.0, 10)]
    [InlineData(1.0, 10)]
    [InlineData(1.01, 5)]
    [InlineData(5.0, 5)]
    [InlineData(5.01, 0)]
    public void Of_OnlyCode_TodoDensityPoints(double density, int expected) =>
        Assert.Equal(expected, RepositoryScore.Of(Checks(codeLines: 1000, density: density)));

    [Fact]
    public void Of_EachCheck_ItsPoints()
    {
        var none = Checks(codeLines: 0);

        Assert.Equal(0, RepositoryScore.Of(none));
        Assert.Equal(25, RepositoryScore.Of(none with { TestFiles = 3 }));
        Assert.Equal(20, RepositoryScore.Of(none with { Ci = ["github-actions"] }));
        Assert.Equal(15, RepositoryScore.Of(none with { Licence = "LICENSE" }));
        Assert.Equal(10, RepositoryScore.Of(none with { Readme = "README.md" }));
        Assert.Equal(10, RepositoryScore.Of(none with { Manifests = ["go.mod"] }));
        Assert.Equal(10, RepositoryScore.Of(none with { BuildFiles = ["Makefile"] }));
        Assert.Equal(100, RepositoryScore.Of(Checks(1000, 0) with { TestFiles = 1, Ci = ["jenkins"], Licence = "COPYING", Readme = "README", Manifests = ["a"], BuildFiles = ["b"] }));
    }

    private static RepositoryChecks Checks(long codeLines, double density = 0) =>
        new(1, codeLines, [], 0, [], null, null, [], [], (int)(density * codeLines / 1000), density, 0);
}
