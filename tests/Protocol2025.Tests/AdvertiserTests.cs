using System.Text.Json.Nodes;
using DurableMcp.Tasks.Protocol2025;

namespace DurableMcp.Protocol2025.Tests;

/// <summary>What the 2025-11-25 initialize result gains.</summary>
public sealed class AdvertiserTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AddTasksCapability_ListOnlyWhenBound(bool bound)
    {
        var result = new JsonObject { ["capabilities"] = new JsonObject { ["tools"] = new JsonObject() } };

        InitializeRevisionAdvertiser.AddTasksCapability(result, bound);

        var tasks = result["capabilities"]!["tasks"]!.AsObject();
        Assert.Equal(bound, tasks.ContainsKey("list"));
        Assert.NotNull(tasks["cancel"]);
        Assert.NotNull(tasks["requests"]!["tools"]!["call"]);
        Assert.NotNull(result["capabilities"]!["tools"]);
    }
}
