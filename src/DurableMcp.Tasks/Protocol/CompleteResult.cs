using ModelContextProtocol.Protocol;

namespace DurableMcp.Tasks.Protocol;

/// <summary>An acknowledgement with no payload (<c>tasks/cancel</c>, <c>tasks/update</c>).</summary>
internal sealed class CompleteResult : Result
{
    public CompleteResult() => ResultType = "complete";
}
