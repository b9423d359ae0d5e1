using System.Text.Json.Nodes;
using DurableMcp.Tasks.Protocol;
using ModelContextProtocol;
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

    [Fact]
    public void RequireTasksExtension_2026RequestWithoutExtension_MissingRequiredClientCapabilityNamingTheExtension()
    {
        var refused = Assert.Throws<MissingRequiredClientCapabilityException>(
            () => RequestCapabilities.RequireTasksExtension(Request("2026-07-28", """{"elicitation":{}}"""), "tasks/get needs the extension."));

        Assert.Equal(-32021, (int)refused.ErrorCode);
        Assert.Equal("tasks/get needs the extension.", refused.Message);
        Assert.NotNull(refused.RequiredCapabilities.Extensions);
        Assert.True(refused.RequiredCapabilities.Extensions.ContainsKey("io.modelcontextprotocol/tasks"));
    }

    [Theory]
    [InlineData("2026-07-28", """{"extensions":{"io.modelcontextprotocol/tasks":{}}}""")]
    [InlineData("2025-11-25", "{}")] // negotiated at initialize: that revision has no extensions
    public void RequireTasksExtension_DeclaredOrOlderRevision_Passes(string version, string capabilities)
    {
        RequestCapabilities.RequireTasksExtension(Request(version, capabilities), "unused");
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
