namespace DurableMcp.Tasks.Outputs;

/// <summary>Part of a task output file, as read from storage.</summary>
/// <param name="Content">The bytes read (at most the number asked for).</param>
/// <param name="TotalBytes">The size of the whole file.</param>
/// <param name="MimeType">The file's content type.</param>
public sealed record TaskOutputPage(ReadOnlyMemory<byte> Content, long TotalBytes, string MimeType);
