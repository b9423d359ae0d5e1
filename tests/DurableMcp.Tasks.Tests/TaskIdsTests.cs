using DurableMcp.Tasks.Durable;

namespace DurableMcp.Tasks.Tests;

public sealed class TaskIdsTests
{
    [Fact]
    public void New_IsUrlSafe43CharactersAndWellFormed()
    {
        var id = TaskIds.New("u-owner");

        Assert.Equal(TaskIds.Length, id.Length);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", id);
        Assert.True(TaskIds.IsWellFormed(id));
    }

    [Fact]
    public void New_SameOwner_SharesPrefix_DiffersInRandomPart()
    {
        var first = TaskIds.New("u-owner");
        var second = TaskIds.New("u-owner");

        Assert.StartsWith(TaskIds.PrefixOf("u-owner"), first, StringComparison.Ordinal);
        Assert.StartsWith(TaskIds.PrefixOf("u-owner"), second, StringComparison.Ordinal);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void CanBelongTo_OtherOwnersOrMalformedIds_False()
    {
        var id = TaskIds.New("u-alice");

        Assert.True(TaskIds.CanBelongTo(id, "u-alice"));
        Assert.False(TaskIds.CanBelongTo(id, "u-bob"));
        Assert.False(TaskIds.CanBelongTo(id[..42] + " ", "u-alice"));
        Assert.False(TaskIds.CanBelongTo("5", "u-alice"));
        Assert.False(TaskIds.CanBelongTo(null, "u-alice"));
    }

    [Fact]
    public void New_Anonymous_HasRandomPrefixes()
    {
        Assert.NotEqual(TaskIds.New()[..16], TaskIds.New()[..16]);
    }
}
