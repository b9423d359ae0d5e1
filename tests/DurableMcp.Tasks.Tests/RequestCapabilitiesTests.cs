using System.Text.Json.Nodes;
using DurableMcp.Tasks.Protocol;
using ModelContextProtocol.Protocol;

namespace DurableMcp.Tasks.Tests;

public sealed class RequestCapabilitiesTests
{
    [Fact]
    public void SupportsTasks_ExtensionDeclaredInMetaOn2026Request_True()
    {
        Assert.True(RequestCapabilities.SupportsTasks(Request("2026-07-28", """{"extensions":{"io.modelcontextprotocol/tasks":{}}}""")));
    }

    [Fact]
    public void SupportsTasks_NoExtension_False()
    {
        Assert.False(RequestCapabilities.SupportsTasks(Request("2026-07-28", """{"extensions":{}}""")));
        Assert.False(RequestCapabilities.SupportsTasks(Request("2026-07-28", "{}")));
    }

    [Fact]
    public void SupportsTasks_OlderRevisionEvenWithExtension_False()
    {
        Assert.False(RequestCapabilities.SupportsTasks(Request("2025-11-25", """{"extensions":{"io.modelcontextprotocol/tasks":{}}}""")));
    }

    [Theory]
    [InlineData("2026-07-28", true)]
    [InlineData("2027-01-01", true)]
    [InlineData("2025-11-25", false)]
    [InlineData(null, false)]
    [InlineData("garbage", false)]
    public void IsJuly2026OrLater(string? version, bool expected)
    {
        Assert.Equal(expected, TasksProtocol.IsJuly2026OrLater(version));
    }

    private static JsonRpcRequest Request(string version, string capabilities) => new()
    {
        Method = "tools/call",
        Params = new JsonObject
        {
            ["name"] = "t",
            ["_meta"] = new JsonObject { ["io.modelcontextprotocol/clientCapabilities"] = JsonNode.Parse(capabilities) },
        },
        Context = new JsonRpcMessageContext { ProtocolVersion = version },
    };
}
