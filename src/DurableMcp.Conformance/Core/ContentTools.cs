using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace DurableMcp.Conformance;

/// <summary>The <c>tools-call-*</c> fixtures: one quick tool per content type, an error, progress.</summary>
[McpServerToolType]
internal static class ContentTools
{
    /// <summary>Pause between progress steps, as the scenario describes it (it checks the order, not the timing).</summary>
    private static readonly TimeSpan StepDelay = TimeSpan.FromMilliseconds(50);

    [McpServerTool(Name = "test_simple_text", ReadOnly = true), Description("Returns one text block.")]
    public static CallToolResult SimpleText() => Result(Text("This is a simple text response for testing."));

    [McpServerTool(Name = "test_image_content", ReadOnly = true), Description("Returns a 1x1 PNG image.")]
    public static CallToolResult ImageContent() => Result(ImageContentBlock.FromBytes(FixtureMedia.RedPixelPng, FixtureMedia.PngMimeType));

    [McpServerTool(Name = "test_audio_content", ReadOnly = true), Description("Returns a short WAV clip.")]
    public static CallToolResult AudioContent() => Result(AudioContentBlock.FromBytes(FixtureMedia.SilentWav, FixtureMedia.WavMimeType));

    [McpServerTool(Name = "test_embedded_resource", ReadOnly = true), Description("Returns an embedded text resource.")]
    public static CallToolResult EmbeddedResource() => Result(new EmbeddedResourceBlock
    {
        Resource = new TextResourceContents { Uri = "test://embedded-resource", MimeType = "text/plain", Text = "This is an embedded resource content." },
    });

    [McpServerTool(Name = "test_multiple_content_types", ReadOnly = true), Description("Returns text, an image and an embedded resource.")]
    public static CallToolResult MultipleContentTypes() => Result(
        Text("Multiple content types test:"),
        ImageContentBlock.FromBytes(FixtureMedia.RedPixelPng, FixtureMedia.PngMimeType),
        new EmbeddedResourceBlock
        {
            Resource = new TextResourceContents { Uri = "test://mixed-content-resource", MimeType = "application/json", Text = """{"test":"data","value":123}""" },
        });

    [McpServerTool(Name = "test_error_handling", ReadOnly = true), Description("Always fails with a tool error (isError).")]
    public static CallToolResult ErrorHandling() => new() { IsError = true, Content = [Text("This tool intentionally returns an error for testing")] };

    [McpServerTool(Name = "test_tool_with_progress", ReadOnly = true), Description("Reports progress 0, 50 and 100 of 100 when the request carries a progress token.")]
    public static async Task<CallToolResult> ToolWithProgressAsync(IProgress<ProgressNotificationValue> progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(progress);
        for (var step = 0; step <= 100; step += 50)
        {
            if (step > 0)
            {
                await Task.Delay(StepDelay, cancellationToken);
            }

            progress.Report(new ProgressNotificationValue { Progress = step, Total = 100, Message = $"step {step / 50 + 1} of 3" });
        }

        return Result(Text("Progress reported: 0, 50 and 100 of 100."));
    }

    internal static TextContentBlock Text(string text) => new() { Text = text };

    private static CallToolResult Result(params ContentBlock[] content) => new() { Content = content };
}
