using DurableMcp.Tasks.Hosting;

namespace DurableMcp.Tasks.Tests;

public sealed class DurableTasksOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed()
    {
        Assert.True(new DurableTasksOptionsValidator().Validate(null, new DurableTasksOptions()).Succeeded);
    }

    [Fact]
    public void Validate_StreamIntervalsNotShorterThanTheStream_FailNamingTheSettings()
    {
        var options = new DurableTasksOptions
        {
            MaxStreamDuration = TimeSpan.FromSeconds(10),
            StreamPollInterval = TimeSpan.FromSeconds(10),
            StreamKeepAliveInterval = TimeSpan.FromSeconds(20),
        };

        var result = new DurableTasksOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("McpTasks:StreamPollInterval", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("McpTasks:StreamKeepAliveInterval", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_EndAStreamBeforeTheFunctionsHttpLimit()
    {
        // Azure Functions answers an HTTP request for at most 230 s whatever functionTimeout says (Azure Load Balancer idle timeout).
        Assert.True(new DurableTasksOptions().MaxStreamDuration < TimeSpan.FromSeconds(230));
    }
}
