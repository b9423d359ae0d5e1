using DurableMcp.Tasks.Durable;
using ModelContextProtocol;

namespace DurableMcp.Tasks.Tests;

public sealed class ToolProtocolExceptionTests
{
    [Fact]
    public void ToFailure_OfItsOwnMessage_RecoversCodeAndMessage()
    {
        var thrown = new ToolProtocolException(McpErrorCode.InvalidParams, "The year must be\nfour digits.");

        var failure = ToolProtocolException.ToFailure(typeof(ToolProtocolException).FullName, thrown.Message);

        Assert.Equal(new TaskFailure(-32602, "The year must be\nfour digits."), failure);
    }

    [Fact]
    public void ToFailure_OtherExceptionTypes_HaveNoCode()
    {
        Assert.Equal(new TaskFailure(null, "MCP error -32602: looks alike"), ToolProtocolException.ToFailure("System.InvalidOperationException", "MCP error -32602: looks alike"));
        Assert.Equal(new TaskFailure(null, "The task failed."), ToolProtocolException.ToFailure(null, null));
    }
}
