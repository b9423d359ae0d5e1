using System.Globalization;
using System.Text.Json.Nodes;
using DurableMcp.Tasks.Durable;
using Microsoft.AspNetCore.Http;

namespace DurableMcp.Tasks.Protocol;

/// <summary>What an HTTP answer says when task storage is unavailable: one shape for the SDK path and the hosts' own.</summary>
public static class StorageUnavailableResponse
{
    /// <summary>HTTP 503 and <c>Retry-After</c> in whole seconds (<see cref="StorageUnavailableException.RetryAfter"/>).</summary>
    public static void Apply(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        response.Headers.RetryAfter = ((int)StorageUnavailableException.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The JSON-RPC error object, as the SDK writes it for a <see cref="StorageUnavailableException"/>.</summary>
    public static JsonObject Error() => new()
    {
        ["code"] = StorageUnavailableException.Code,
        ["message"] = StorageUnavailableException.CallerMessage,
        ["data"] = new JsonObject { ["retryAfterMs"] = (long)StorageUnavailableException.RetryAfter.TotalMilliseconds },
    };
}
