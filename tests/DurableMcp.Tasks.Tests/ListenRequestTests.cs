using System.Text.Json.Nodes;
using DurableMcp.Tasks.Subscriptions;
using ModelContextProtocol;

namespace DurableMcp.Tasks.Tests;

public sealed class ListenRequestTests
{
    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"notifications":{}}""")]
    [InlineData("""{"notifications":{"toolsListChanged":true}}""")]
    [InlineData("""{"notifications":{"taskIds":null}}""")]
    public void ReadTaskIds_NoTaskIds_Null(string parameters)
    {
        Assert.False(ListenRequest.AsksForTasks(JsonNode.Parse(parameters)));
        Assert.Null(ListenRequest.ReadTaskIds(JsonNode.Parse(parameters)));
    }

    [Fact]
    public void ReadTaskIds_DistinctInTheOrderFirstNamed()
    {
        Assert.Equal(["b", "a", "c"], ListenRequest.ReadTaskIds(JsonNode.Parse("""{"notifications":{"taskIds":["b","a","b","c","a"]}}""")));
        Assert.Empty(ListenRequest.ReadTaskIds(JsonNode.Parse("""{"notifications":{"taskIds":[]}}"""))!);
    }

    [Theory]
    [InlineData("""{"notifications":{"taskIds":"a"}}""")]
    [InlineData("""{"notifications":{"taskIds":["a",1]}}""")]
    [InlineData("""{"notifications":{"taskIds":[null]}}""")]
    [InlineData("""{"notifications":{"taskIds":{"a":true}}}""")]
    public void ReadTaskIds_NotAnArrayOfStrings_InvalidParams(string parameters)
    {
        Assert.True(ListenRequest.AsksForTasks(JsonNode.Parse(parameters)));
        var error = Assert.Throws<McpProtocolException>(() => ListenRequest.ReadTaskIds(JsonNode.Parse(parameters)));

        Assert.Equal(McpErrorCode.InvalidParams, error.ErrorCode);
        Assert.Contains("params.notifications.taskIds", error.Message, StringComparison.Ordinal);
    }
}
