using System.Text.Json;
using ModelContextProtocol.Protocol;

namespace DurableMcp.Tasks.Durable;

/// <summary>A task as the protocol layer sees it: the orchestration instance, its tags and its custom status, read together.</summary>
public sealed record TaskRecord
{
    /// <summary>The task id: the orchestration instance id.</summary>
    public required string TaskId { get; init; }

    /// <summary>The tool, which is the orchestration's name.</summary>
    public required string Tool { get; init; }

    public required TaskRunStatus Status { get; init; }

    /// <summary>The status message the orchestration published, if any.</summary>
    public string? StatusMessage { get; init; }

    /// <summary>Every question still open, by key (empty when none).</summary>
    public IReadOnlyDictionary<string, InputRequest> InputRequests { get; init; } = new Dictionary<string, InputRequest>();

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset LastUpdatedAt { get; init; }

    /// <summary>When the task is forgotten; null for never.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>The caller the task is bound to; null for an anonymous caller.</summary>
    public string? Owner { get; init; }

    /// <summary>The tags recorded at creation (see <see cref="TaskTags"/>).</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>The call's arguments.</summary>
    public JsonElement? Input { get; init; }

    /// <summary>The tool's <c>CallToolResult</c>, once completed.</summary>
    public JsonElement? Output { get; init; }

    /// <summary>Why it failed, once failed.</summary>
    public TaskFailure? Failure { get; init; }

    /// <summary>True while at least one question waits for an answer.</summary>
    public bool IsWaitingForInput => !Status.IsTerminal() && InputRequests.Count > 0;
}
