using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace DurableMcp.Conformance;

/// <summary>The <c>prompts-*</c> fixtures, and the prompt that asks a question through MRTR (<c>input-required-result-non-tool-request</c>).</summary>
[McpServerPromptType]
internal static class FixturePrompts
{
    public const string WithArguments = "test_prompt_with_arguments";

    [McpServerPrompt(Name = "test_simple_prompt"), Description("A prompt without arguments.")]
    public static GetPromptResult Simple() => Messages(User(new TextContentBlock { Text = "This is a simple prompt for testing." }));

    [McpServerPrompt(Name = WithArguments), Description("A prompt with two required arguments.")]
    public static GetPromptResult WithTwoArguments([Description("First test argument")] string arg1, [Description("Second test argument")] string arg2) =>
        Messages(User(new TextContentBlock { Text = $"Prompt with arguments: arg1='{arg1}', arg2='{arg2}'" }));

    [McpServerPrompt(Name = "test_prompt_with_embedded_resource"), Description("A prompt that embeds a resource.")]
    public static GetPromptResult WithEmbeddedResource([Description("URI of the resource to embed")] string resourceUri) => Messages(
        User(new EmbeddedResourceBlock { Resource = new TextResourceContents { Uri = resourceUri, MimeType = "text/plain", Text = "Embedded resource content for testing." } }),
        User(new TextContentBlock { Text = "Please process the embedded resource above." }));

    [McpServerPrompt(Name = "test_prompt_with_image"), Description("A prompt with an image.")]
    public static GetPromptResult WithImage() => Messages(
        User(ImageContentBlock.FromBytes(FixtureMedia.RedPixelPng, FixtureMedia.PngMimeType)),
        User(new TextContentBlock { Text = "Please analyze the image above." }));

    [McpServerPrompt(Name = "test_input_required_result_prompt"), Description("Asks the user for context (MRTR) before it renders.")]
    public static GetPromptResult AsksForContext(RequestContext<GetPromptRequestParams> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var answer = InputRequests.Elicitation(context.Params?.InputResponses, "user_context")
            ?? throw new InputRequiredException(
                new Dictionary<string, InputRequest> { ["user_context"] = InputRequests.ElicitText("What context should the prompt use?", "context") }, null);
        return Messages(User(new TextContentBlock { Text = $"Use this context: {InputRequests.AcceptedText(answer, "context") ?? "(none given)"}" }));
    }

    private static PromptMessage User(ContentBlock content) => new() { Role = Role.User, Content = content };

    private static GetPromptResult Messages(params PromptMessage[] messages) => new() { Messages = messages };
}
