using System.Buffers.Text;

namespace DurableMcp.Engine.Tests;

public sealed class InstanceIdsTests
{
    [Fact]
    public void New_Returns27UrlSafeCharactersCarrying160Bits()
    {
        var id = InstanceIds.New();

        Assert.Equal(27, id.Length);
        Assert.All(id, c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '-' or '_', $"'{c}' is not URL-safe"));
        Assert.Equal(Uri.EscapeDataString(id), id);
        Assert.Equal(160, InstanceIds.EntropyBits);
        Assert.Equal(InstanceIds.EntropyBits / 8, Base64Url.DecodeFromChars(id).Length);
    }

    [Fact]
    public void New_TenThousandIds_AreDistinct()
    {
        var ids = Enumerable.Range(0, 10_000).Select(_ => InstanceIds.New()).ToList();

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void IsWellFormed_IssuedIds_AreAccepted()
    {
        Assert.All(Enumerable.Range(0, 100).Select(_ => InstanceIds.New()), id => Assert.True(InstanceIds.IsWellFormed(id)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAA")] // 26 characters
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAA")] // 28 characters
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAA/A")] // standard base64, not URL-safe
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAA+A")]
    [InlineData("AAAAAAAAAAAAA AAAAAAAAAAAAA")] // Base64Url.IsValid alone skips whitespace
    [InlineData("AAAAAAAAAAAAA\tAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAA\nAAAAAAAAAAAAA")]
    [InlineData(" AAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAA#AAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAA?AAAAAAAAAAAAA")]
    [InlineData("../../AAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAéAAAAAAAAAAAAA")]
    public void IsWellFormed_Garbage_IsRejected(string? candidate)
    {
        Assert.False(InstanceIds.IsWellFormed(candidate));
    }
}
