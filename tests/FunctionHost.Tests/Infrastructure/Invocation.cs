using System.Net;
using System.Text.Json.Nodes;

namespace DurableMcp.FunctionHost.Tests.Infrastructure;

/// <summary>One trigger invocation the emulated host made, what the handler answered, and what the host then did.</summary>
/// <param name="Function">The function invoked.</param>
/// <param name="Status">The handler's HTTP status (0 when the request itself failed).</param>
/// <param name="Body">The handler's JSON answer, if it was JSON.</param>
/// <param name="MessageText">For a queue trigger: the message delivered.</param>
/// <param name="DequeueCount">For a queue trigger: the delivery count of the message.</param>
/// <param name="HostAction">What the host did with the message afterwards.</param>
internal sealed record Invocation(string Function, HttpStatusCode Status, JsonObject? Body, string? MessageText, long DequeueCount, HostAction HostAction)
{
    public bool Succeeded => (int)Status is >= 200 and < 300;

    public IEnumerable<string> Logs => Body?["Logs"]?.AsArray().Select(l => l!.GetValue<string>()) ?? [];
}

/// <summary>What the Functions host does with a queue message after an invocation.</summary>
internal enum HostAction
{
    None,
    Deleted,
    RetryLater,
    MovedToPoison,
}
