using System.Buffers.Text;

namespace DurableMcp.Engine.Tests;

public sealed class InstanceIdsTests
{
    [Fact]
    public void New_Returns43UrlSafeCharacters_32BytesOfWhich160BitsAreRandom()
    {
        var id = InstanceIds.New();

        Assert.Equal(InstanceIds.Length, id.Length);
        Assert.Equal(43, id.Length);
        Assert.All(id, c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '-' or '_', $"'{c}' is not URL-safe"));
        Assert.Equal(Uri.EscapeDataString(id), id);
        Assert.Equal(160, InstanceIds.EntropyBits);
        Assert.Equal(32, Base64Url.DecodeFromChars(id).Length);
    }

    [Fact]
    public void New_WithAnOwner_SharesThePartitionOfThatOwnerOnly_AndStaysRandomAfterIt()
    {
        var alice = Enumerable.Range(0, 100).Select(_ => InstanceIds.New("alice")).ToList();
        var bob = InstanceIds.New("bob");

        Assert.All(alice, id => Assert.Equal(InstanceIds.PartitionOfOwner("alice"), InstanceIds.PartitionOf(id)));
        Assert.NotEqual(InstanceIds.PartitionOf(alice[0]), InstanceIds.PartitionOf(bob));
        Assert.Equal(alice.Count, alice.Select(id => id[16..]).Distinct(StringComparer.Ordinal).Count());
        Assert.All(alice, id => Assert.True(InstanceIds.IsWellFormed(id)));

        // Without an owner, the partition is random too: each instance has its own.
        Assert.Equal(100, Enumerable.Range(0, 100).Select(_ => InstanceIds.PartitionOf(InstanceIds.New())).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void CanBelongTo_OnlyIdsInTheOwnersPartition()
    {
        var alices = InstanceIds.New("alice");

        Assert.True(InstanceIds.CanBelongTo(alices, "alice"));
        Assert.False(InstanceIds.CanBelongTo(alices, "bob"));
        Assert.False(InstanceIds.CanBelongTo(InstanceIds.New(), "alice"));
        Assert.False(InstanceIds.CanBelongTo("not an id", "alice"));
        Assert.False(InstanceIds.CanBelongTo(null, "alice"));
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
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")] // 42 characters
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")] // 44 characters
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAA")] // an id of an earlier format
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/AA")] // standard base64, not URL-safe
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+AA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAA AAAAAAAAAAAAAAAAAAAAAA")] // Base64Url.IsValid alone skips whitespace
    [InlineData("AAAAAAAAAAAAAAAAAAAA\tAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAA\nAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData(" AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAA#AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAA?AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("../../AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAéAAAAAAAAAAAAAAAAAAAAAA")]
    public void IsWellFormed_Garbage_IsRejected(string? candidate)
    {
        Assert.False(InstanceIds.IsWellFormed(candidate));
    }
}
