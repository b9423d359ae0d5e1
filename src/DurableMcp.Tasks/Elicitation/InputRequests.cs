using System.Text.Json;
using DurableMcp.Engine;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace DurableMcp.Tasks.Elicitation;

/// <summary>The questions a task has outstanding: its pending waits whose descriptor is an input request.</summary>
internal static class InputRequests
{
    public static Dictionary<string, InputRequest> Outstanding(OrchestrationInstance instance)
    {
        var requests = new Dictionary<string, InputRequest>(StringComparer.Ordinal);
        foreach (var wait in instance.PendingWaits)
        {
            if (wait is { EventName: { } key, Descriptor: { ValueKind: JsonValueKind.Object } descriptor } &&
                descriptor.TryGetProperty("method", out var method) && method.ValueEquals(RequestMethods.ElicitationCreate))
            {
                requests[key] = descriptor.Deserialize(McpJsonUtilities.DefaultOptions.GetTypeInfo<InputRequest>())!;
            }
        }

        return requests;
    }
}
