using System.Text.Json;

namespace DurableMcp.Engine.Worker;

/// <summary>One completed step in an instance's journal (persisted; the shape is a compatibility contract).</summary>
/// <param name="Name">The step name, checked on replay.</param>
/// <param name="Result">The step's JSON result, when it succeeded.</param>
/// <param name="Failure">Why it failed, when it threw.</param>
/// <param name="CompletedAt">When it completed: the replay-safe time after this step.</param>
internal sealed record JournalEntry(string Name, JsonElement? Result, FailureDetails? Failure, DateTimeOffset CompletedAt);
