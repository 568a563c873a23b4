using Pathfinder.Domain;

namespace Pathfinder.Domain.Tests.Common;

public sealed class PracticeCodeTests
{
    [Theory]
    [InlineData("D81001", "D81001")]
    [InlineData("d81001", "D81001")]
    [InlineData("  Y00123 ", "Y00123")]
    public void From_OneLetterAndFiveDigits_IsNormalised(string typed, string expected)
    {
        var code = PracticeCode.From(typed);

        Assert.True(code.IsSuccess);
        Assert.Equal(expected, code.Value.Value);
        Assert.Equal(expected, code.Value.ToString());
    }

    [Theory]
    [InlineData("D8100")]
    [InlineData("D810011")]
    [InlineData("881001")]
    [InlineData("DD1001")]
    [InlineData("D81 001")]
    [InlineData("É81001")]
    public void From_WrongShape_SaysWhatTheFormIs(string typed)
    {
        var code = PracticeCode.From(typed);

        Assert.False(code.IsSuccess);
        Assert.Equal($"practice code '{typed}' is not of the form A12345 (one letter and five digits)", code.Error);
    }

    [Fact]
    public void From_Missing_AsksForIt()
    {
        var code = PracticeCode.From("  ");

        Assert.False(code.IsSuccess);
        Assert.Equal("Give the practice code (one letter and five digits, like D81001).", code.Error);
    }

    [Fact]
    public void SameCodeTypedDifferently_IsTheSamePractice()
    {
        Assert.Equal(PracticeCode.From("d81001").Value, PracticeCode.From("D81001 ").Value);
    }
}
