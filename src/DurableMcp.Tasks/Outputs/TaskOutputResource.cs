using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using DurableMcp.Tasks.Durable;
using DurableMcp.Tasks.Hosting;
using DurableMcp.Tasks.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace DurableMcp.Tasks.Outputs;

/// <summary>
/// Serves <c>task://{taskId}/{name}</c> through <c>resources/read</c>: the output files long tools link to from their
/// results. The caller must own the task (the owner binding of <c>tasks/*</c>: another caller's task, an unknown task and
/// a missing file all get the same not-found error). An expired task's owner is told it expired. The SDK's
/// <c>resources/read</c> answers with whole strings, so one answer carries at most
/// <see cref="DurableTasksOptions.MaxResourceReadBytes"/>; a larger output is read in pages (<c>?offset=</c>, each
/// page ending at a line break and naming the next in <c>_meta</c>), and reading it whole is refused with an error
/// that says so.
/// </summary>
internal sealed class TaskOutputResource(
    TaskStore store,
    ITaskOutputStore outputs,
    IOptions<DurableTasksOptions> options,
    TimeProvider time,
    ILogger<TaskOutputResource> logger) : McpServerResource
{
    /// <summary>The <c>_meta</c> key of a page's successor.</summary>
    public const string NextPageMeta = "durable-mcp/nextPage";

    /// <summary>The <c>_meta</c> key of the whole file's size.</summary>
    public const string TotalBytesMeta = "durable-mcp/totalBytes";

    /// <summary>How the SDK escapes the strings of its answers.</summary>
    private static readonly JavaScriptEncoder Encoder = McpJsonUtilities.DefaultOptions.Encoder ?? JavaScriptEncoder.Default;

    private readonly int _maxBytes = options.Value.MaxResourceReadBytes;

    public override ResourceTemplate ProtocolResourceTemplate { get; } = new()
    {
        UriTemplate = TaskOutputUri.Template,
        Name = "task-output",
        Title = "Output of a task",
        Description = "An output file of one of your tasks (a summary, a reject file, a report), as linked from the task's result. " +
                      "Readable until the task expires. Large files: append ?offset=0 and follow each page's _meta 'durable-mcp/nextPage'.",
    };

    public override Resource? ProtocolResource => null;

    public override IReadOnlyList<object> Metadata => [];

    public override bool IsMatch(string uri) => uri?.StartsWith(TaskOutputUri.Scheme + "://", StringComparison.Ordinal) == true;

    public override async ValueTask<ReadResourceResult> ReadAsync(RequestContext<ReadResourceRequestParams> request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.Params?.Uri ?? "";
        var version = request.JsonRpcRequest.Context?.ProtocolVersion;
        var caller = CallerOwner.From(request.JsonRpcRequest.Context?.User);
        if (!TaskOutputUri.TryParse(uri, out var taskId, out var name, out var offset) ||
            (caller is not null && !TaskIds.CanBelongTo(taskId, caller)))
        {
            throw NotFound(uri, version, caller, "malformed or another caller's task id");
        }

        var task = await store.GetEvenIfExpiredAsync(taskId, cancellationToken);
        if (task is null || !CallerOwner.Owns(caller, task.Owner))
        {
            throw NotFound(uri, version, caller, "no such task of this caller");
        }

        if (task.ExpiresAt is { } expiry && expiry <= time.GetUtcNow())
        {
            TasksLog.OutputRefused(logger, uri, caller, "expired");
            var expired = new McpProtocolException(
                string.Create(CultureInfo.InvariantCulture, $"Resource expired: '{uri}' belonged to task {taskId}, whose time to live ended at {expiry.UtcDateTime:O}; a task's outputs are deleted with it. Run the tool again to produce them anew."),
                NotFoundCode(version));
            expired.Data["uri"] = uri;
            expired.Data["expiredAt"] = expiry.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
            throw expired;
        }

        var page = await outputs.ReadAsync(taskId, name, offset ?? 0, _maxBytes, cancellationToken);
        if (page is null)
        {
            throw NotFound(uri, version, caller, task.Status.IsTerminal() ? "no such output" : "no such output yet (the task is still working)");
        }

        // A page is cut where its JSON string would pass the limit (markup escapes to six bytes a character there),
        // then back to its last line break.
        var content = page.Content;
        var from = offset ?? 0;
        var fits = IsText(page.MimeType) ? JsonStringBudget.Fit(content.Span, _maxBytes, Encoder) : content.Length;
        var whole = from + content.Length >= page.TotalBytes && fits == content.Length;
        if (offset is null && !whole)
        {
            TasksLog.OutputRefused(logger, uri, caller, "too large for one answer");
            var tooLarge = new McpProtocolException(
                string.Create(CultureInfo.InvariantCulture, $"'{uri}' is {page.TotalBytes:N0} bytes, more than one resources/read answer carries ({_maxBytes:N0} bytes of JSON string, where markup characters such as < and & take six bytes each). Read it in pages instead: '{TaskOutputUri.ForPage(taskId, name, 0)}', then the URI in each page's _meta '{NextPageMeta}' until there is none."),
                McpErrorCode.InvalidParams);
            tooLarge.Data["uri"] = uri;
            tooLarge.Data["size"] = page.TotalBytes;
            tooLarge.Data["firstPage"] = TaskOutputUri.ForPage(taskId, name, 0);
            throw tooLarge;
        }

        if (offset is { } start && start > 0 && start >= page.TotalBytes)
        {
            var past = new McpProtocolException(
                string.Create(CultureInfo.InvariantCulture, $"offset {start} is past the end of '{TaskOutputUri.For(taskId, name)}' ({page.TotalBytes:N0} bytes)."),
                McpErrorCode.InvalidParams);
            past.Data["uri"] = uri;
            throw past;
        }

        if (!whole)
        {
            content = content[..PageEnd(content.Span[..fits])];
        }

        var next = from + content.Length;
        var meta = new JsonObject { [TotalBytesMeta] = page.TotalBytes };
        if (offset is not null && next < page.TotalBytes)
        {
            meta[NextPageMeta] = TaskOutputUri.ForPage(taskId, name, next);
        }

        TasksLog.OutputRead(logger, taskId, name, caller, content.Length, from);
        ResourceContents contents = IsText(page.MimeType)
            ? new TextResourceContents { Uri = uri, MimeType = page.MimeType, Text = Encoding.UTF8.GetString(content.Span), Meta = meta }
            : BlobResourceContents.FromBytes(content, uri, page.MimeType);
        contents.Meta ??= meta;
        return new ReadResourceResult { Contents = [contents], CacheScope = CacheScope.Private };
    }

    /// <summary>A page ends after its last line break; a single line longer than a page is cut at a UTF-8 character boundary.</summary>
    internal static int PageEnd(ReadOnlySpan<byte> content)
    {
        var lastBreak = content.LastIndexOf((byte)'\n');
        if (lastBreak >= 0)
        {
            return lastBreak + 1;
        }

        var end = content.Length;
        while (end > 0 && (content[end - 1] & 0xC0) == 0x80)
        {
            end--; // continuation bytes of a character the page would split
        }

        return end > 0 && content[end - 1] >= 0xC0 ? end - 1 : content.Length;
    }

    private static bool IsText(string mimeType) =>
        mimeType.StartsWith("text/", StringComparison.OrdinalIgnoreCase) ||
        mimeType.Contains("json", StringComparison.OrdinalIgnoreCase) ||
        mimeType.Contains("xml", StringComparison.OrdinalIgnoreCase);

    /// <summary>The SDK's own answer for a URI that names nothing: -32602 from 2026-07-28 on, -32002 before.</summary>
    private static McpErrorCode NotFoundCode(string? version) =>
        Protocol.TasksProtocol.IsJuly2026OrLater(version) ? McpErrorCode.InvalidParams : McpErrorCode.ResourceNotFound;

    private McpProtocolException NotFound(string uri, string? version, string? caller, string reason)
    {
        TasksLog.OutputRefused(logger, uri, caller, reason);
        var error = new McpProtocolException($"Resource not found: '{uri}'. Task outputs can be read by the task's owner until the task expires.", NotFoundCode(version));
        error.Data["uri"] = uri;
        return error;
    }
}
