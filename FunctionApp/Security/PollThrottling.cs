using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using DurableMcp.Tasks.Hosting;
using DurableMcp.Tasks.Protocol;

namespace DurableMcp.FunctionApp.Security;

/// <summary>
/// Throttles callers that poll one task far faster than its <c>pollIntervalMs</c>, per caller and task (the
/// <c>Mcp-Name</c> header of a 2026-07-28 <c>tasks/get</c>), by the <see cref="PollBudget"/>, before the request is parsed.
/// A throttled poll gets HTTP 429 with <c>Retry-After</c> and a JSON-RPC error naming the interval. (2025-11-25 polls carry
/// no such header; the task layer throttles those.)
/// </summary>
internal static class PollThrottling
{
    private const string PolicyName = "task-polling";

    public static IServiceCollection AddPollThrottling(this IServiceCollection services, IConfiguration configuration)
    {
        var pollInterval = configuration.GetSection(DurableTasksOptions.SectionName).GetValue<TimeSpan?>(nameof(DurableTasksOptions.PollInterval))
            ?? new DurableTasksOptions().PollInterval;
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => IsTaskPoll(context, out var key)
                ? RateLimitPartition.GetTokenBucketLimiter(key, _ => PollBudget.For(pollInterval))
                : RateLimitPartition.GetNoLimiter(string.Empty));
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                var context = rejected.HttpContext;
                var taskId = context.Request.Headers["Mcp-Name"].ToString();
                SecurityLog.PollThrottled(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(PolicyName), taskId, Caller(context));
                context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(pollInterval.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await context.Response.WriteAsJsonAsync(JsonRpcErrors.Create(PollBudget.ErrorCode, PollBudget.Message(taskId, pollInterval)), cancellationToken);
            };
        });
        return services;
    }

    private static bool IsTaskPoll(HttpContext context, out string key)
    {
        key = "";
        if (!string.Equals(context.Request.Headers["Mcp-Method"], "tasks/get", StringComparison.Ordinal))
        {
            return false;
        }

        key = $"{Caller(context)}|{context.Request.Headers["Mcp-Name"]}";
        return true;
    }

    private static string Caller(HttpContext context) =>
        context.User.FindFirstValue("sub") ?? context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
