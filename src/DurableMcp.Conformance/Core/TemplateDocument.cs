namespace DurableMcp.Conformance;

/// <summary>The JSON the resource template returns for an id.</summary>
internal sealed record TemplateDocument(string Id, bool TemplateTest, string Data);
