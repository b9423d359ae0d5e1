using System.Text.Json;
using System.Text.Json.Nodes;
using DurableMcp.Tasks.Durable;
using DurableMcp.Tasks.Hosting;
using DurableMcp.Tasks.Protocol2025;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace DurableMcp.Protocol2025.Tests;

/// <summary>The 2025-11-25 wire types and their pure helpers: JSON round trips, cursors, element ids, status mapping.</summary>
public sealed class Protocol2025WireFormatTests
{
    private static readonly DateTimeOffset Created = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Task2025_RoundTrip_TtlNullWritten_OptionalFieldsOmitted()
    {
        var task = new Task2025 { TaskId = "t", Status = "working", CreatedAt = "2026-11-24T10:00:00.000Z", LastUpdatedAt = "2026-11-24T10:00:01.000Z", Ttl = null };

        var json = JsonSerializer.Serialize(task, Tasks2025JsonContext.Default.Task2025);
        var back = JsonSerializer.Deserialize(json, Tasks2025JsonContext.Default.Task2025);

        Assert.Equal("""{"taskId":"t","status":"working","createdAt":"2026-11-24T10:00:00.000Z","lastUpdatedAt":"2026-11-24T10:00:01.000Z","ttl":null}""", json);
        Assert.Equal(task, back);
    }

    [Fact]
    public void CreateTaskResult2025_RoundTrip_NestedTaskWithoutResultType()
    {
        var result = new CreateTaskResult2025 { Task = new Task2025 { TaskId = "t", Status = "working", StatusMessage = "m", CreatedAt = "a", LastUpdatedAt = "b", Ttl = 5, PollInterval = 200 } };

        var json = JsonSerializer.Serialize(result, Tasks2025JsonContext.Default.CreateTaskResult2025);
        var back = JsonSerializer.Deserialize(json, Tasks2025JsonContext.Default.CreateTaskResult2025)!;

        Assert.Equal("""{"task":{"taskId":"t","status":"working","statusMessage":"m","createdAt":"a","lastUpdatedAt":"b","ttl":5,"pollInterval":200}}""", json);
        Assert.Equal(result.Task, back.Task);
    }

    [Fact]
    public void ListTasksResult2025_RoundTrip_NextCursorOnlyWhenMore()
    {
        var task = new Task2025 { TaskId = "t", Status = "completed", CreatedAt = "a", LastUpdatedAt = "b", Ttl = 1 };
        var last = new ListTasksResult2025 { Tasks = [task] };
        var more = last with { NextCursor = "c" };

        var lastJson = JsonSerializer.Serialize(last, Tasks2025JsonContext.Default.ListTasksResult2025);
        var moreJson = JsonSerializer.Serialize(more, Tasks2025JsonContext.Default.ListTasksResult2025);

        Assert.DoesNotContain("nextCursor", lastJson, StringComparison.Ordinal);
        Assert.Equal("c", JsonSerializer.Deserialize(moreJson, Tasks2025JsonContext.Default.ListTasksResult2025)!.NextCursor);
        Assert.Equal(task, JsonSerializer.Deserialize(moreJson, Tasks2025JsonContext.Default.ListTasksResult2025)!.Tasks.Single());
    }

    [Fact]
    public void ListTasksParams2025_And_TaskMetadata2025_RoundTrip()
    {
        Assert.Equal("x", JsonSerializer.Deserialize("""{"cursor":"x"}""", Tasks2025JsonContext.Default.ListTasksParams2025)!.Cursor);
        Assert.Equal("""{"ttl":60000}""", JsonSerializer.Serialize(new TaskMetadata2025 { Ttl = 60000 }, Tasks2025JsonContext.Default.TaskMetadata2025));
    }

    [Theory]
    [InlineData("""{"name":"x"}""", null)]
    [InlineData("""{"name":"x","task":null}""", null)]
    [InlineData("""{"name":"x","task":{}}""", -1L)]
    [InlineData("""{"name":"x","task":{"ttl":1000}}""", 1000L)]
    public void TaskMetadataReader_Valid(string parameters, long? expected)
    {
        var metadata = TaskMetadataReader.Read(JsonNode.Parse(parameters));

        if (expected is null)
        {
            Assert.Null(metadata);
        }
        else
        {
            Assert.Equal(expected == -1 ? null : expected, metadata!.Ttl);
        }
    }

    [Theory]
    [InlineData("""{"task":{"ttl":-5}}""")]
    [InlineData("""{"task":{"ttl":"soon"}}""")]
    [InlineData("""{"task":{"ttl":1.5}}""")]
    [InlineData("""{"task":true}""")]
    public void TaskMetadataReader_Invalid_InvalidParams(string parameters)
    {
        var error = Assert.Throws<McpProtocolException>(() => TaskMetadataReader.Read(JsonNode.Parse(parameters)));

        Assert.Equal(McpErrorCode.InvalidParams, error.ErrorCode);
    }

    [Fact]
    public void TaskListCursor_RoundTrips_RefusesTamperingAndOtherOwners()
    {
        var cursor = TaskListCursor.Encode("u-alice", "1!20!cGs-/1!24!cms-");

        Assert.True(TaskListCursor.TryDecode("u-alice", cursor, out var token));
        Assert.Equal("1!20!cGs-/1!24!cms-", token);
        Assert.False(TaskListCursor.TryDecode("u-bob", cursor, out _));
        Assert.False(TaskListCursor.TryDecode("u-alice", "x" + cursor, out _));
        Assert.False(TaskListCursor.TryDecode("u-alice", "garbage", out _));
        Assert.False(TaskListCursor.TryDecode("u-alice", "%%%.%%%", out _));
        Assert.False(TaskListCursor.TryDecode("u-alice", "", out _));
    }

    [Fact]
    public void ElicitationId_FormatsAndParses_RefusesOthers()
    {
        var taskId = TaskIds.New("alice");
        var id = ElicitationId.Format(taskId, "q-abc");

        Assert.True(ElicitationId.TryParse(JsonValue.Create(id), out var parsedTask, out var key));
        Assert.Equal((taskId, "q-abc"), (parsedTask, key));
        Assert.False(ElicitationId.TryParse(JsonValue.Create(7), out _, out _));
        Assert.False(ElicitationId.TryParse(JsonValue.Create("elicit:bad id:q"), out _, out _));
        Assert.False(ElicitationId.TryParse(JsonValue.Create($"elicit:{taskId}:"), out _, out _));
        Assert.False(ElicitationId.TryParse(JsonValue.Create("other:1"), out _, out _));
    }

    [Fact]
    public void TaskMapper2025_IsErrorResult_Failed_OtherwiseCompleted()
    {
        var options = new DurableTasksOptions();
        var completed = Instance(TaskRunStatus.Completed) with { Output = JsonDocument.Parse("""{"content":[],"isError":false}""").RootElement };
        var toolError = completed with { Output = JsonDocument.Parse("""{"content":[],"isError":true}""").RootElement };

        Assert.Equal("completed", TaskMapper2025.ToTask(completed, options).Status);
        Assert.Equal("failed", TaskMapper2025.ToTask(toolError, options).Status);
        Assert.Equal("failed", TaskMapper2025.ToTask(completed, options, isErrorResult: true).Status);
        Assert.Null(TaskMapper2025.ToTask(completed, options).PollInterval);
    }

    [Fact]
    public void TaskMapper2025_Running_WorkingOrInputRequired_WithTtlAndPollInterval()
    {
        var options = new DurableTasksOptions { PollInterval = TimeSpan.FromMilliseconds(750) };
        var running = Instance(TaskRunStatus.Running);
        var question = InputRequest.ForElicitation(new ElicitRequestParams { Mode = "form", Message = "?", RequestedSchema = new() });
        var asking = running with { InputRequests = new Dictionary<string, InputRequest> { ["q-1"] = question } };

        var task = TaskMapper2025.ToTask(running, options);

        Assert.Equal("working", task.Status);
        Assert.Equal(3_600_000, task.Ttl);
        Assert.Equal(750, task.PollInterval);
        Assert.Equal("2026-11-24T10:00:00.000Z", task.CreatedAt);
        Assert.Equal("input_required", TaskMapper2025.ToTask(asking, options).Status);
    }

    [Fact]
    public void TaskMapper2025_OrchestrationFailure_FailedWithTheErrorAsStatusMessage()
    {
        var failed = Instance(TaskRunStatus.Failed) with { Failure = new TaskFailure(-32602, "bad things") };

        var task = TaskMapper2025.ToTask(failed, new DurableTasksOptions());

        Assert.Equal("failed", task.Status);
        Assert.Equal("bad things", task.StatusMessage);
    }

    private static TaskRecord Instance(TaskRunStatus status) => new()
    {
        TaskId = TaskIds.New(),
        Tool = "run_steps",
        Status = status,
        CreatedAt = Created,
        LastUpdatedAt = Created,
        ExpiresAt = Created.AddHours(1),
    };
}
