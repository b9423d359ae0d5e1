using System.Text.Json;
using DurableMcp.Tasks.Durable;
using DurableMcp.Tasks.Hosting;
using DurableMcp.Tasks.Protocol;

namespace DurableMcp.Tasks.Tests;

public sealed class TaskMapperTests
{
    private static readonly DateTimeOffset Created = new(2026, 11, 24, 10, 0, 0, 123, TimeSpan.FromHours(2));
    private static readonly DurableTasksOptions Options = new() { PollInterval = TimeSpan.FromMilliseconds(1500) };

    [Theory]
    [InlineData(TaskRunStatus.Pending, "working")]
    [InlineData(TaskRunStatus.Running, "working")]
    [InlineData(TaskRunStatus.Completed, "completed")]
    [InlineData(TaskRunStatus.Failed, "failed")]
    [InlineData(TaskRunStatus.Cancelled, "cancelled")]
    public void ToGetTaskResult_MapsStatus(TaskRunStatus status, string expected)
    {
        Assert.Equal(expected, TaskMapper.ToGetTaskResult(Instance(status), Options).Status);
    }

    [Fact]
    public void ToGetTaskResult_FormatsUtcTimestampsTtlAndPollInterval()
    {
        var result = TaskMapper.ToGetTaskResult(Instance(TaskRunStatus.Running) with { ExpiresAt = Created.AddMinutes(5) }, Options);

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

        var completed = TaskMapper.ToGetTaskResult(Instance(TaskRunStatus.Completed) with { Output = output }, Options);
        var cancelled = TaskMapper.ToGetTaskResult(Instance(TaskRunStatus.Cancelled) with { Output = output }, Options);

        Assert.Equal(output.GetRawText(), completed.Result!.Value.GetRawText());
        Assert.Null(cancelled.Result);
    }

    [Fact]
    public void ToError_UsesTheProtocolCodeAFailureCarries_ElseInternalError()
    {
        Assert.Equal(new TaskError(-32602, "bad id"), TaskMapper.ToError(new TaskFailure(-32602, "bad id")));
        Assert.Equal(new TaskError(-32603, "boom"), TaskMapper.ToError(new TaskFailure(null, "boom")));
        Assert.Equal(-32603, TaskMapper.ToError(null).Code);
    }

    [Fact]
    public void ToGetTaskResult_FailedTaskCarriesError()
    {
        var result = TaskMapper.ToGetTaskResult(
            Instance(TaskRunStatus.Failed) with { Failure = new TaskFailure(null, "gave up") }, Options);

        Assert.Equal(new TaskError(-32603, "gave up"), result.Error);
    }

    private static TaskRecord Instance(TaskRunStatus status) => new()
    {
        TaskId = "id",
        Tool = "tool",
        Status = status,
        CreatedAt = Created,
        LastUpdatedAt = Created,
    };
}
