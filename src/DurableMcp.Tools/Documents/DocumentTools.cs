using System.ComponentModel;
using Azure;
using Azure.Storage.Blobs;
using DurableMcp.Tools.Classification;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace DurableMcp.Tools.Documents;

/// <summary>Quick, synchronous document tools: plain MCP tool calls, no task.</summary>
[McpServerToolType]
public sealed class DocumentTools(BlobServiceClient blobs)
{
    private const int MaxReturnedChars = 20_000;

    [McpServerTool(Name = "get_document", Title = "Read a document", ReadOnly = true)]
    [Description("Returns the text of one document (a blob), truncated to 20,000 characters.")]
    public async Task<CallToolResult> GetDocumentAsync(
        [Description("The blob container.")] string container,
        [Description("The blob name.")] string name,
        CancellationToken cancellationToken = default)
    {
        try
        {
            var content = await blobs.GetBlobContainerClient(container).GetBlobClient(name).DownloadContentAsync(cancellationToken);
            var text = content.Value.Content.ToString();
            return Text(text.Length <= MaxReturnedChars ? text : text[..MaxReturnedChars] + $"\n[truncated: {text.Length:N0} characters in all]");
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return new CallToolResult { IsError = true, Content = [new TextContentBlock { Text = $"No document '{name}' in container '{container}' (the container or the blob does not exist)." }] };
        }
        catch (RequestFailedException e) when (e.Status == 400)
        {
            return new CallToolResult { IsError = true, Content = [new TextContentBlock { Text = $"'{container}' is not a valid container name or '{name}' is not a valid blob name." }] };
        }
    }

    [McpServerTool(Name = "classify_text", Title = "Classify one text", ReadOnly = true, Idempotent = true)]
    [Description("Classifies one piece of text at once (category, confidence, key terms) with the same model classify_documents uses.")]
    public static DocumentClassification ClassifyText([Description("The text to classify.")] string text) =>
        DocumentClassifiers.Default.Classify(text);

    private static CallToolResult Text(string text) => new() { Content = [new TextContentBlock { Text = text }] };
}
