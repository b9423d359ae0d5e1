using System.Globalization;
using System.Text.RegularExpressions;
using ModelContextProtocol;

namespace DurableMcp.Tasks.Durable;

/// <summary>
/// Fails a tool's orchestration with a JSON-RPC error. Durable Functions records an orchestration's failure as the
/// exception's type and message, so the code travels in the message (<c>MCP error -32602: ...</c>), which
/// <see cref="TryParse"/> reads back when the task is fetched. A tool throws <see cref="McpProtocolException"/>; the task
/// layer rethrows it as this.
/// </summary>
public sealed partial class ToolProtocolException : Exception
{
    public ToolProtocolException()
    {
    }

    public ToolProtocolException(string message)
        : base(message)
    {
    }

    public ToolProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ToolProtocolException(McpErrorCode code, string message)
        : base(string.Create(CultureInfo.InvariantCulture, $"MCP error {(int)code}: {message}"))
    {
    }

    /// <summary>The failure recorded for an orchestration that ended with this exception (or any other).</summary>
    public static TaskFailure ToFailure(string? errorType, string? errorMessage)
    {
        var message = errorMessage ?? "The task failed.";
        return errorType == typeof(ToolProtocolException).FullName && TryParse(message, out var code, out var text)
            ? new TaskFailure(code, text)
            : new TaskFailure(null, message);
    }

    private static bool TryParse(string message, out int code, out string text)
    {
        var match = Format().Match(message);
        code = match.Success ? int.Parse(match.Groups[1].ValueSpan, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : 0;
        text = match.Success ? match.Groups[2].Value : message;
        return match.Success;
    }

    [GeneratedRegex(@"^MCP error (-?\d{1,9}): (.*)$", RegexOptions.Singleline)]
    private static partial Regex Format();
}
