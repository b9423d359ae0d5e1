using System.ComponentModel.DataAnnotations;

namespace DurableMcp.Tasks.Hosting;

/// <summary>Configuration of the MCP task layer (section <c>McpTasks</c>).</summary>
public sealed class DurableTasksOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "McpTasks";

    /// <summary>How long a task lives after creation; after that it is unknown and purged.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan DefaultTtl { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The poll interval suggested to clients.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);
}
