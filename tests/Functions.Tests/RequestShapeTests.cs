using System.Text.Json.Nodes;
using DurableMcp.FunctionApp.Mcp;

namespace DurableMcp.Functions.Tests;

/// <summary>The request shapes the MCP SDK trips over (found by the fuzz suite) are named as the caller's mistake.</summary>
public sealed class RequestShapeTests
{
    [Theory]
    [InlineData("""{"id":null,"method":"ping"}""", -32600, "A request's id must be a string or a number, not null.")]
    [InlineData("""{"id":{},"method":"ping"}""", -32600, "A request's id must be a string or a number, not an object.")]
    [InlineData("""{"id":1,"method":"tasks/result","params":[1,2]}""", -32602, "params of tasks/result must be an object, not an array.")]
    [InlineData("""{"id":1,"method":"tasks/get","params":{"taskId":5}}""", -32602, "params.taskId of tasks/get must be a string, not a number.")]
    [InlineData("""{"id":1,"method":"tools/call","params":{"name":"x","arguments":true}}""", -32602, "params.arguments of tools/call must be an object holding the tool's arguments by name, not a boolean.")]
    [InlineData("""{"id":1,"method":"initialize","params":{"name":"x"}}""", -32602, "params.protocolVersion of initialize must be a string.")]
    [InlineData("""{"id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"c"}}}""", -32602, "params.clientInfo of initialize must be an object with a string name and version.")]
    public void Problem_MisshapenRequest_NamesWhatToFix(string request, int code, string message) =>
        Assert.Equal((code, message), RequestShape.Problem((JsonObject)JsonNode.Parse(request)!));

    [Theory]
    [InlineData("""{"id":"a","method":"tasks/get","params":{"taskId":"t"}}""")]
    [InlineData("""{"method":"notifications/initialized"}""")]
    [InlineData("""{"id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"c","version":"1"}}}""")]
    [InlineData("""{"id":1,"method":"tools/call","params":{"name":"x","arguments":{"a":1}}}""")]
    public void Problem_WellFormedRequest_None(string request) => Assert.Null(RequestShape.Problem((JsonObject)JsonNode.Parse(request)!));
}
