using System.Text.Json;
using DurableMcp.Tasks.Tools;
using ModelContextProtocol.Protocol;

namespace DurableMcp.Tasks.Tests;

public sealed class ToolOrchestrationTests
{
    [Fact]
    public void ToCallToolResult_String_IsText()
    {
        var result = ToolOrchestration.ToCallToolResult("done");

        Assert.Equal("done", Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text);
        Assert.Null(result.StructuredContent);
    }

    [Fact]
    public void ToCallToolResult_Object_IsJsonTextAndStructuredContent()
    {
        var result = ToolOrchestration.ToCallToolResult(new Dictionary<string, int> { ["documents"] = 3 });

        var text = Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
        Assert.Equal(3, JsonDocument.Parse(text).RootElement.GetProperty("documents").GetInt32());
        Assert.Equal(3, result.StructuredContent!.Value.GetProperty("documents").GetInt32());
    }

    [Fact]
    public void ToCallToolResult_CallToolResult_PassesThrough()
    {
        var original = new CallToolResult { IsError = true, Content = [] };

        Assert.Same(original, ToolOrchestration.ToCallToolResult(original));
    }

    [Fact]
    public void ToCallToolResult_Null_IsEmpty()
    {
        Assert.Empty(ToolOrchestration.ToCallToolResult(null).Content);
    }
}
