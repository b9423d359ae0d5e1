using System.Text.Json;
using DurableMcp.Engine;
using DurableMcp.Tasks.Hosting;
using DurableMcp.Tasks.Protocol;

namespace DurableMcp.Tasks.Tests;

public sealed class TaskMapperTests
{
    private static readonly DateTimeOffset Created = new(2026, 11, 24, 10, 0, 0, 123, TimeSpan.FromHours(2));
    private static readonly DurableTasksOptions Options = new() { PollInterval = TimeSpan.FromMilliseconds(1500) };

    [Theory]
    [InlineData(OrchestrationStatus.Pending, "working")]
    [InlineData(OrchestrationStatus.Running, "working")]
    [InlineData(OrchestrationStatus.Completed, "completed")]
    [InlineData(OrchestrationStatus.Failed, "failed")]
    [InlineData(OrchestrationStatus.Cancelled, "cancelled")]
    public void ToGetTaskResult_MapsStatus(OrchestrationStatus status, string expected)
    {
        Assert.Equal(expected, TaskMapper.ToGetTaskResult(Instance(status), Options).Status);
    }

    [Fact]
    public void ToGetTaskResult_FormatsUtcTimestampsTtlAndPollInterval()
    {
        var result = TaskMapper.ToGetTaskResult(Instance(OrchestrationStatus.Running) with { ExpiresAt = Created.AddMinutes(5) }, Options);

        Assert.Equal("2026-11-24T08:00:00.123Z", result.CreatedAt);
        Assert.Equal(300_000, result.TtlMs);
        Assert.Equal(1500, result.PollIntervalMs);
        Assert.Null(result.Result);
        Assert.Null(result.Error);
    }

    [Fact]
    public void ToGetTaskResult_InlinesOutputOnlyWhenCompleted()
    {
        var output = JsonDocument.Parse("""{"content":[{"type":"text","text":"hi"}]}""").RootElement;

        var completed = TaskMapper.ToGetTaskResult(Instance(OrchestrationStatus.Completed) with { Output = output }, Options);
        var cancelled = TaskMapper.ToGetTaskResult(Instance(OrchestrationStatus.Cancelled) with { Output = output }, Options);

        Assert.Equal(output.GetRawText(), completed.Result!.Value.GetRawText());
        Assert.Null(cancelled.Result);
    }

    [Fact]
    public void ToError_UsesTheProtocolCodeAFailureCarries_ElseInternalError()
    {
        Assert.Equal(new TaskError(-32602, "bad id"), TaskMapper.ToError(new FailureDetails("McpProtocolException", "bad id", "-32602")));
        Assert.Equal(new TaskError(-32603, "boom"), TaskMapper.ToError(new FailureDetails("InvalidOperationException", "boom")));
        Assert.Equal(-32603, TaskMapper.ToError(null).Code);
    }

    [Fact]
    public void ToGetTaskResult_FailedTaskCarriesError()
    {
        var result = TaskMapper.ToGetTaskResult(
            Instance(OrchestrationStatus.Failed) with { Failure = new FailureDetails("PoisonInstance", "gave up") }, Options);

        Assert.Equal(new TaskError(-32603, "gave up"), result.Error);
    }

    private static OrchestrationInstance Instance(OrchestrationStatus status) => new()
    {
        InstanceId = "id",
        Name = "tool",
        Status = status,
        CreatedAt = Created,
        LastUpdatedAt = Created,
    };
}
