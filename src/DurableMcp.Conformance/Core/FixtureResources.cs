using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace DurableMcp.Conformance;

/// <summary>The <c>resources-*</c> fixtures: a text resource, a binary one, and a template.</summary>
[McpServerResourceType]
internal static class FixtureResources
{
    public const string Template = "test://template/{id}/data";

    [McpServerResource(UriTemplate = "test://static-text", Name = "static-text", MimeType = "text/plain"), Description("A static text resource.")]
    public static TextResourceContents StaticText() =>
        new() { Uri = "test://static-text", MimeType = "text/plain", Text = "This is the content of the static text resource." };

    [McpServerResource(UriTemplate = "test://static-binary", Name = "static-binary", MimeType = FixtureMedia.PngMimeType), Description("A static binary resource (a PNG).")]
    public static BlobResourceContents StaticBinary() => BlobResourceContents.FromBytes(FixtureMedia.RedPixelPng, "test://static-binary", FixtureMedia.PngMimeType);

    [McpServerResource(UriTemplate = Template, Name = "template-data", MimeType = "application/json"), Description("JSON data for the id in the URI.")]
    public static TextResourceContents TemplateData([Description("Any id")] string id) => new()
    {
        Uri = $"test://template/{id}/data",
        MimeType = "application/json",
        Text = System.Text.Json.JsonSerializer.Serialize(new TemplateDocument(id, true, $"Data for ID: {id}"), ConformanceJsonContext.Default.TemplateDocument),
    };
}
