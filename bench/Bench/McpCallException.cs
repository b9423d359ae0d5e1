namespace DurableMcp.Bench;

/// <summary>
/// An MCP call the server refused or failed: the HTTP status and, when the body carried a JSON-RPC error, its code, so
/// the load phase can count errors by kind (documented throttling apart from real failures).
/// </summary>
internal sealed class McpCallException(string method, int httpStatus, int? code, string message) : InvalidOperationException(message)
{
    public string Method { get; } = method;

    public int HttpStatus { get; } = httpStatus;

    /// <summary>The JSON-RPC error code, when the answer had one.</summary>
    public int? Code { get; } = code;

    /// <summary>How the error is counted: its JSON-RPC code with the HTTP status it came with.</summary>
    public string Kind => Code is { } code ? $"HTTP {HttpStatus} / {code}" : $"HTTP {HttpStatus}";
}
