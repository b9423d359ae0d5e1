namespace DurableMcp.Tools.Documents;

/// <summary>Input of <see cref="ListDocuments"/>.</summary>
public sealed record ListDocumentsInput(string Container, string Prefix);
