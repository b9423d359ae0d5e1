using DurableMcp.Tasks.Hosting;
using DurableMcp.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DurableMcp.FunctionApp.Tests;

/// <summary>
/// Configurations that would run unprotected or inconsistent are refused at startup: the real server process exits
/// with a non-zero code and says what is wrong. No storage is needed (nothing gets that far), so these run beside the
/// Azurite collection.
/// </summary>
public sealed class StartupRefusalTests
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(45);

    public static TheoryData<string, Dictionary<string, string>, string> RefusedConfigurations() => new()
    {
        {
            "anonymous-in-production",
            new() { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["Identity__Mode"] = "Anonymous" },
            "Identity:Mode=Anonymous is for local development only, and this environment is 'Production'."
        },
        {
            "devtoken-in-production",
            new() { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["Identity__Mode"] = "DevToken", ["Identity__DevTokens__alicetoken"] = "alice" },
            "Identity:Mode=DevToken is for local development only, and this environment is 'Production'."
        },
        {
            "jwt-without-authority",
            new() { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["Identity__Mode"] = "Jwt", ["Identity__Audience"] = "api://test" },
            "Identity:Mode=Jwt needs Identity:Authority (the token issuer) and Identity:Audience (this server's resource)."
        },
        {
            "no-identity-section-in-production",
            new() { ["ASPNETCORE_ENVIRONMENT"] = "Production" },
            "Identity:Mode=Jwt needs Identity:Authority"
        },
        {
            "jwt-with-plain-http-remote-authority",
            new() { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["Identity__Mode"] = "Jwt", ["Identity__Authority"] = "http://idp.example.com/issuer", ["Identity__Audience"] = "api://test" },
            "Identity:Authority 'http://idp.example.com/issuer' must be an absolute https URI"
        },
        {
            "default-ttl-over-max-ttl",
            new() { ["ASPNETCORE_ENVIRONMENT"] = "Development", ["Identity__Mode"] = "Anonymous", ["McpTasks__DefaultTtl"] = "8.00:00:00", ["McpTasks__MaxTtl"] = "7.00:00:00" },
            "McpTasks:DefaultTtl (8.00:00:00) must not exceed McpTasks:MaxTtl (7.00:00:00)."
        },
    };

    [Theory]
    [MemberData(nameof(RefusedConfigurations))]
    public async Task Start_RefusedConfiguration_ExitsNonZeroNamingTheProblem(string name, Dictionary<string, string> overrides, string problem)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            // Explicit storage that is never reached: a refused configuration must stop before touching it, and an
            // accepted one (a bug) must not start the local emulator.
            ["AzureWebJobsStorage"] = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" +
                "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
                "BlobEndpoint=http://127.0.0.1:9/devstoreaccount1;QueueEndpoint=http://127.0.0.1:9/devstoreaccount1;TableEndpoint=http://127.0.0.1:9/devstoreaccount1;",
            ["DurableTask__WorkerEnabled"] = "false",
            ["Samples__Seed"] = "false",
        };
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        await using var process = ServerProcess.StartUnchecked(name, settings);
        var exitCode = await process.WaitForExitAsync(ExitTimeout);

        Assert.True(exitCode != 0, $"{name}: exit code 0. Output:{Environment.NewLine}{process.RecentOutput}");
        Assert.Contains("OptionsValidationException", process.RecentOutput, StringComparison.Ordinal);
        Assert.Contains(problem, process.RecentOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithDurableTasks_DefaultTtlOverMaxTtl_HostStartFailsWithClearMessage()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["McpTasks:DefaultTtl"] = "02:00:00",
            ["McpTasks:MaxTtl"] = "01:00:00",
        });
        builder.Services.AddMcpServer().WithDurableTasks(builder.Configuration);
        using var host = builder.Build();

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(typeof(DurableTasksOptions), refused.OptionsType);
        Assert.Contains("McpTasks:DefaultTtl (02:00:00) must not exceed McpTasks:MaxTtl (01:00:00).", refused.Failures);
    }
}
