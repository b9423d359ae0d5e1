using System.Text.Json.Nodes;
using Xunit.Sdk;

namespace DurableMcp.FunctionApp.Tests.Infrastructure;

/// <summary>Checks of the questions a task or an MRTR result asks (<c>inputRequests</c>), and the answers tests send back.</summary>
internal static class InputRequestAssert
{
    /// <summary>Asserts a <c>tasks/get</c> result in <c>input_required</c> and returns its <c>inputRequests</c> (key → request).</summary>
    public static JsonObject Outstanding(JsonObject task)
    {
        Assert.Equal("complete", task["resultType"]?.GetValue<string>());
        Assert.Equal("input_required", TaskAssert.Status(task));
        Assert.Null(task["result"]);
        var requests = task["inputRequests"] as JsonObject ?? throw new XunitException($"input_required without inputRequests: {task.ToJsonString()}");
        Assert.NotEmpty(requests);
        foreach (var (_, request) in requests)
        {
            IsFormElicitation(request);
        }

        return requests;
    }

    /// <summary>Asserts an <c>elicitation/create</c> request in form mode with a message and an object schema; returns its params.</summary>
    public static JsonObject IsFormElicitation(JsonNode? request)
    {
        Assert.Equal("elicitation/create", request?["method"]?.GetValue<string>());
        var parameters = request!["params"] as JsonObject ?? throw new XunitException($"No params in {request.ToJsonString()}");
        Assert.Equal("form", parameters["mode"]?.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(parameters["message"]?.GetValue<string>()), $"No message in {parameters.ToJsonString()}");
        var schema = parameters["requestedSchema"] as JsonObject ?? throw new XunitException($"No requestedSchema in {parameters.ToJsonString()}");
        Assert.Equal("object", schema["type"]?.GetValue<string>());
        Assert.NotEmpty((schema["properties"] as JsonObject)!);
        return parameters;
    }

    /// <summary>The only outstanding question of <paramref name="task"/>: its key and its params.</summary>
    public static (string Key, JsonObject Params) Single(JsonObject task)
    {
        var (key, request) = Assert.Single(Outstanding(task));
        return (key, IsFormElicitation(request));
    }

    /// <summary>The key of the outstanding question whose message starts with <paramref name="messageStart"/>.</summary>
    public static string KeyFor(JsonObject requests, string messageStart) =>
        Assert.Single(requests, r => r.Value!["params"]!["message"]!.GetValue<string>().StartsWith(messageStart, StringComparison.Ordinal)).Key;

    /// <summary>The <c>requestedSchema.properties</c> of a request's params.</summary>
    public static JsonObject Fields(JsonObject requestParams) => requestParams["requestedSchema"]!["properties"]!.AsObject();

    /// <summary><c>inputResponses</c> with one answer: <c>{key: {action, content?}}</c>.</summary>
    public static JsonObject Answer(string key, string action, JsonObject? content = null)
    {
        var answer = new JsonObject { ["action"] = action };
        if (content is not null)
        {
            answer["content"] = content;
        }

        return new JsonObject { [key] = answer };
    }
}
