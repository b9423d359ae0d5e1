using System.Text;
using System.Text.Json.Nodes;
using DurableMcp.Tasks.Durable;
using DurableMcp.Testing;

namespace DurableMcp.FunctionApp.Tests.Infrastructure;

/// <summary>How a caller is identified (an App Service principal) and what a caller sees of a task: its id, its stored owner, the shape of an error.</summary>
internal static class Callers
{
    /// <summary>
    /// The <c>X-MS-CLIENT-PRINCIPAL</c> header App Service authentication forwards: base64 of
    /// <c>{auth_typ, claims:[{typ, val}]}</c>, here with the issuer and subject claims.
    /// </summary>
    public static string AppServicePrincipal(string issuer, string subject, string provider = "aad")
    {
        var principal = new JsonObject
        {
            ["auth_typ"] = provider,
            ["claims"] = new JsonArray(
                new JsonObject { ["typ"] = "iss", ["val"] = issuer },
                new JsonObject { ["typ"] = "sub", ["val"] = subject },
                new JsonObject { ["typ"] = "name", ["val"] = subject + " (display name)" }),
        };
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(principal.ToJsonString()));
    }

    /// <summary>The task id of a <c>CreateTaskResult</c> (any TTL and poll interval).</summary>
    public static string TaskId(McpResponse created)
    {
        var result = created.RequireResult();
        Assert.Equal("task", result["resultType"]?.GetValue<string>());
        return result["taskId"]!.GetValue<string>();
    }

    /// <summary>The owner recorded on a task's orchestration (its <c>owner</c> tag; null when it has none).</summary>
    public static async Task<string?> StoredOwnerAsync(AzuriteFixture azurite, string taskHub, string taskId)
    {
        await using var reader = await TaskHubReader.OpenAsync(azurite, taskHub);
        var instance = await reader.Client.GetInstanceAsync(taskId);
        Assert.True(instance is not null, $"No orchestration instance {taskId} in task hub {taskHub}.");
        return instance.Tags.TryGetValue(TaskTags.Owner, out var owner) ? owner : null;
    }

    /// <summary>
    /// The JSON-RPC error of an answer with the task id and the request id left out: two answers that compare equal
    /// here are indistinguishable to the caller but for the id it sent.
    /// </summary>
    public static string ErrorShape(McpResponse response, string taskId)
    {
        var error = response.Error?.DeepClone() as JsonObject
            ?? throw new Xunit.Sdk.XunitException($"Expected a JSON-RPC error, got {response}");
        error["message"] = error["message"]?.GetValue<string>().Replace(taskId, "<task id>", StringComparison.Ordinal);
        return $"HTTP {(int)response.StatusCode} {response.ContentType}: {error.ToJsonString()}";
    }
}
