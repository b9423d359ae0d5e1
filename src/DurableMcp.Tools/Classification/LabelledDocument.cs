namespace DurableMcp.Tools.Classification;

/// <summary>One training or evaluation example: a document's text and the category a person filed it under.</summary>
internal sealed record LabelledDocument(string Category, string Text);
