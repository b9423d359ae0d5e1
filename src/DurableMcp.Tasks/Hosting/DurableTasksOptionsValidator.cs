using Microsoft.Extensions.Options;

namespace DurableMcp.Tasks.Hosting;

/// <summary>Cross-field rules of <see cref="DurableTasksOptions"/>.</summary>
internal sealed class DurableTasksOptionsValidator : IValidateOptions<DurableTasksOptions>
{
    public ValidateOptionsResult Validate(string? name, DurableTasksOptions options) =>
        options.DefaultTtl > options.MaxTtl
            ? ValidateOptionsResult.Fail($"McpTasks:DefaultTtl ({options.DefaultTtl}) must not exceed McpTasks:MaxTtl ({options.MaxTtl}).")
            : ValidateOptionsResult.Success;
}
