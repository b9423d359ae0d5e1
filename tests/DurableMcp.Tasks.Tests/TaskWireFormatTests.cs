using System.Text.Json;
using System.Text.Json.Nodes;
using DurableMcp.Tasks.Protocol;

namespace DurableMcp.Tasks.Tests;

public sealed class TaskWireFormatTests
{
    [Fact]
    public void CreateTaskResult_Serializes_FlatWithResultTypeTaskAndNullTtl()
    {
        var result = new CreateTaskResult
        {
            TaskId = "abc",
            Status = TaskStatusNames.Working,
            CreatedAt = "2026-11-24T10:00:00.000Z",
            LastUpdatedAt = "2026-11-24T10:00:01.000Z",
            TtlMs = null,
            PollIntervalMs = 2000,
        };

        var json = JsonSerializer.SerializeToNode(result, TasksJsonContext.Default.CreateTaskResult)!.AsObject();

        Assert.Equal("task", (string?)json["resultType"]);
        Assert.Equal("abc", (string?)json["taskId"]);
        Assert.Equal("working", (string?)json["status"]);
        Assert.True(json.ContainsKey("ttlMs"), "ttlMs must be present (null means unlimited)");
        Assert.Null(json["ttlMs"]);
        Assert.Equal(2000, (long?)json["pollIntervalMs"]);
        Assert.False(json.ContainsKey("statusMessage"));
        Assert.False(json.ContainsKey("task"), "the 2026 shape is flat, not nested");
    }

    [Fact]
    public void GetTaskResult_RoundTrips_WithInlinedResultAndError()
    {
        var result = new GetTaskResult
        {
            TaskId = "abc",
            Status = TaskStatusNames.Failed,
            StatusMessage = "3 / 5",
            CreatedAt = "2026-11-24T10:00:00.000Z",
            LastUpdatedAt = "2026-11-24T10:00:01.000Z",
            TtlMs = 60_000,
            PollIntervalMs = 1000,
            Result = JsonDocument.Parse("""{"content":[]}""").RootElement,
            Error = new TaskError(-32602, "bad"),
        };

        var text = JsonSerializer.Serialize(result, TasksJsonContext.Default.GetTaskResult);
        var back = JsonSerializer.Deserialize(text, TasksJsonContext.Default.GetTaskResult)!;

        Assert.Equal("complete", back.ResultType);
        Assert.Equal(result.TaskId, back.TaskId);
        Assert.Equal(result.StatusMessage, back.StatusMessage);
        Assert.Equal(result.TtlMs, back.TtlMs);
        Assert.Equal(result.Error, back.Error);
        Assert.Equal("""{"content":[]}""", back.Result!.Value.GetRawText());
        Assert.Equal(-32602, (int?)JsonNode.Parse(text)!["error"]!["code"]);
    }

    [Fact]
    public void CompleteResult_Serializes_AsResultTypeComplete()
    {
        var json = JsonSerializer.Serialize(new CompleteResult(), TasksJsonContext.Default.CompleteResult);

        Assert.Equal("""{"resultType":"complete"}""", json);
    }

    [Theory]
    [InlineData("""{"taskId":"x1"}""", "x1")]
    [InlineData("""{"taskId":null}""", null)]
    [InlineData("""{}""", null)]
    public void TaskIdParams_Parses(string json, string? expected)
    {
        var parsed = JsonSerializer.Deserialize(json, TasksJsonContext.Default.TaskIdParams)!;

        Assert.Equal(expected, parsed.TaskId);
    }
}
