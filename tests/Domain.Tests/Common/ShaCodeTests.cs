using Pathfinder.Domain;

namespace Pathfinder.Domain.Tests.Common;

public sealed class ShaCodeTests
{
    [Theory]
    [InlineData("Q30", "North East")]
    [InlineData("Q31", "North West")]
    [InlineData("Q32", "Yorkshire and the Humber")]
    [InlineData("Q33", "East Midlands")]
    [InlineData("Q34", "West Midlands")]
    [InlineData("Q35", "East of England")]
    [InlineData("Q36", "London")]
    [InlineData("Q37", "South East Coast")]
    [InlineData("Q38", "South Central")]
    [InlineData("Q39", "South West")]
    public void From_EachOfTheTenShas_HasItsName(string code, string name)
    {
        var sha = ShaCode.From(code);

        Assert.True(sha.IsSuccess);
        Assert.Equal(code, sha.Value.Code);
        Assert.Equal(name, sha.Value.Name);
    }

    [Fact]
    public void All_IsTheTenShasInCodeOrder()
    {
        Assert.Equal(
            ["Q30", "Q31", "Q32", "Q33", "Q34", "Q35", "Q36", "Q37", "Q38", "Q39"],
            ShaCode.All.Select(s => s.Code)
        );
    }

    [Theory]
    [InlineData("q35")]
    [InlineData("  Q35 ")]
    [InlineData("\tq35\n")]
    public void From_LowerCaseOrPadded_IsAccepted(string typed)
    {
        var sha = ShaCode.From(typed);

        Assert.True(sha.IsSuccess);
        Assert.Equal(ShaCode.EastOfEngland, sha.Value);
    }

    [Theory]
    [InlineData("Q40")]
    [InlineData("Q3")]
    [InlineData("East of England")]
    public void From_UnknownCode_IsRefusedNamingWhatWasTyped(string typed)
    {
        var sha = ShaCode.From(typed);

        Assert.False(sha.IsSuccess);
        Assert.Equal(
            $"'{typed}' is not one of the ten Strategic Health Authorities; use a code from Q30 to Q39, "
                + "for example Q35 for East of England.",
            sha.Error
        );
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void From_Nothing_AsksForTheSha(string? typed)
    {
        var sha = ShaCode.From(typed);

        Assert.False(sha.IsSuccess);
        Assert.Equal("Say which Strategic Health Authority the consortium belongs to (Q30 to Q39).", sha.Error);
    }
}
