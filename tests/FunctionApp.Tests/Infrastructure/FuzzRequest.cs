namespace DurableMcp.FunctionApp.Tests.Infrastructure;

/// <summary>
/// One request of the fuzz suite: its class (<c>hostile</c> JSON-RPC, a valid <c>task</c> request of the other caller,
/// or either as an <c>http</c> variant), the HTTP method, body, headers (an empty <c>Accept</c> sends none) and content
/// type (null sends none).
/// </summary>
internal sealed record FuzzRequest(string Class, string Body, Dictionary<string, string> Headers, string Method = "POST", string? ContentType = "application/json");
