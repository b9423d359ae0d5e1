using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DurableMcp.Testing;

namespace DurableMcp.FunctionApp.Tests.Infrastructure;

/// <summary>Checks of the task protocol's shapes shared by several tests.</summary>
internal static partial class TaskAssert
{
    /// <summary>Asserts a 2026-07-28 <c>CreateTaskResult</c> for a task created just now, and returns its id.</summary>
    public static string IsCreateTaskResult(McpResponse response, DateTimeOffset sentAt)
    {
        var result = response.RequireResult();
        Assert.Equal("task", result["resultType"]?.GetValue<string>());
        Assert.Equal("working", result["status"]?.GetValue<string>());
        var taskId = result["taskId"]!.GetValue<string>();
        Assert.Matches(TaskIdPattern(), taskId);
        var createdAt = IsUtcTimestamp(result["createdAt"]);
        IsUtcTimestamp(result["lastUpdatedAt"]);
        Assert.InRange(createdAt, sentAt - TimeSpan.FromSeconds(30), DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30));
        Assert.Equal(3_600_000, result["ttlMs"]!.GetValue<long>());
        Assert.Equal(200, result["pollIntervalMs"]!.GetValue<long>());
        Assert.Null(result["result"]);
        return taskId;
    }

    /// <summary>Asserts the empty acknowledgement of <c>tasks/update</c> and <c>tasks/cancel</c>: <c>{resultType: "complete"}</c>.</summary>
    public static void IsAcknowledgement(McpResponse response)
    {
        var ack = response.RequireResult();
        Assert.Equal("complete", ack["resultType"]?.GetValue<string>());
        Assert.Equal(["resultType"], ack.Select(p => p.Key).Where(k => k != "_meta"));
    }

    /// <summary>Asserts an ISO 8601 UTC timestamp (<c>...Z</c>) and returns it.</summary>
    public static DateTimeOffset IsUtcTimestamp(JsonNode? node)
    {
        var text = node?.GetValue<string>();
        Assert.NotNull(text);
        Assert.Matches(UtcTimestampPattern(), text);
        return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
    }

    public static string Status(JsonObject task) => task["status"]!.GetValue<string>();

    public static string? StatusMessage(JsonObject task) => task["statusMessage"]?.GetValue<string>();

    /// <summary>Steps done by a <c>run_steps</c> task, from its status message (<c>"{done} / {total} steps"</c>); -1 before the first.</summary>
    public static int StepsDone(JsonObject task) =>
        StatusMessage(task) is { } message && ProgressPattern().Match(message) is { Success: true } match
            ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : -1;

    /// <summary>The text of the first content block of a <c>CallToolResult</c>.</summary>
    public static string Text(JsonNode callToolResult) => callToolResult["content"]![0]!["text"]!.GetValue<string>();

    /// <summary>43 URL-safe base64 characters: a 96-bit partition (the caller's) and 160 random bits.</summary>
    [GeneratedRegex("^[A-Za-z0-9_-]{43}$")]
    private static partial Regex TaskIdPattern();

    [GeneratedRegex(@"^(\d+) / (\d+) steps$")]
    private static partial Regex ProgressPattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?Z$")]
    private static partial Regex UtcTimestampPattern();
}
