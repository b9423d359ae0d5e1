using DurableMcp.FunctionHost.Tests.Infrastructure;

namespace DurableMcp.FunctionHost.Tests;

/// <summary>host.json and every function.json against the documented schema.</summary>
public sealed class FunctionAppFilesTests
{
    public static TheoryData<string> FunctionNames() => [.. FunctionAppFiles.FromRepository().Functions.Keys];

    [Fact]
    public void HostJson_FollowsTheDocumentedSchema() =>
        Assert.Empty(FunctionsSchema.CheckHost(FunctionAppFiles.FromRepository().Host));

    [Theory]
    [MemberData(nameof(FunctionNames))]
    public void FunctionJson_FollowsTheDocumentedSchema(string function) =>
        Assert.Empty(FunctionsSchema.CheckFunction(function, FunctionAppFiles.FromRepository().Functions[function]));

    [Fact]
    public void Schema_CatchesTheMistakesItIsFor()
    {
        var bad = FunctionAppFiles.ReadJson(Repository.PathOf("functions", "durable-worker", "function.json"));
        bad["bindings"]![0]!["queueName"] = "Bad--Queue";
        bad["bindings"]![0]!["direction"] = "sideways";
        bad["bindings"]!.AsArray().Add(new System.Text.Json.Nodes.JsonObject { ["type"] = "timerTrigger", ["direction"] = "in", ["name"] = "tick", ["schedule"] = "every minute" });

        var problems = FunctionsSchema.CheckFunction("durable worker", bad);

        Assert.Contains(problems, p => p.Contains("not a valid function name", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("queueName", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("direction must be", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("NCRONTAB", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("exactly one trigger", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryFunctionFolder_HoldsAFunctionJson() =>
        Assert.All(Directory.EnumerateDirectories(Repository.PathOf("functions")), d => Assert.True(File.Exists(Path.Combine(d, "function.json")), $"{d} has no function.json"));
}
