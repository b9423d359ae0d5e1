using System.Text.Json;
using System.Text.Json.Serialization;

namespace DurableMcp.Engine.Worker;

/// <summary>
/// One finished operation (a step, an event wait, a timer) in an instance's journal. Persisted: the shape is a
/// compatibility contract. Operations are numbered in the order the orchestration starts them, which is the same on
/// every replay, so concurrent operations replay correctly whatever order they finished in.
/// </summary>
/// <param name="Seq">The operation's number.</param>
/// <param name="Name">The step name, <c>event:{name}</c>, or <c>timer</c>; checked on replay.</param>
/// <param name="Result">The step's result or the event's payload.</param>
/// <param name="Failure">Why the step failed, when it threw.</param>
/// <param name="CompletedAt">When it finished: the replay-safe time after it.</param>
/// <param name="EventKey">The key of the event a wait consumed.</param>
/// <param name="TimedOut">True when a wait ended by its deadline (and for every timer).</param>
internal sealed record JournalEntry(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int Seq,
    string Name,
    JsonElement? Result,
    FailureDetails? Failure,
    DateTimeOffset CompletedAt,
    string? EventKey = null,
    bool TimedOut = false);
