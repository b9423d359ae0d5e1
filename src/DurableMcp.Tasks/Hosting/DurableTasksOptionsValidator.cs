using Microsoft.Extensions.Options;

namespace DurableMcp.Tasks.Hosting;

/// <summary>Cross-field rules of <see cref="DurableTasksOptions"/>.</summary>
internal sealed class DurableTasksOptionsValidator : IValidateOptions<DurableTasksOptions>
{
    public ValidateOptionsResult Validate(string? name, DurableTasksOptions options)
    {
        var failures = new List<string>();
        if (options.DefaultTtl > options.MaxTtl)
        {
            failures.Add($"McpTasks:DefaultTtl ({options.DefaultTtl}) must not exceed McpTasks:MaxTtl ({options.MaxTtl}).");
        }

        if (options.StreamPollInterval >= options.MaxStreamDuration)
        {
            failures.Add($"McpTasks:StreamPollInterval ({options.StreamPollInterval}) must be shorter than McpTasks:MaxStreamDuration ({options.MaxStreamDuration}).");
        }

        if (options.StreamKeepAliveInterval >= options.MaxStreamDuration)
        {
            failures.Add($"McpTasks:StreamKeepAliveInterval ({options.StreamKeepAliveInterval}) must be shorter than McpTasks:MaxStreamDuration ({options.MaxStreamDuration}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
