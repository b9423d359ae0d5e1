using System.Text.Json.Nodes;
using DurableMcp.Engine.Hosting;
using DurableMcp.FunctionApp.Functions;
using DurableMcp.FunctionHost.Tests.Infrastructure;

namespace DurableMcp.FunctionHost.Tests;

/// <summary>infra/bicep builds and lints with no warning, and the template says what the deployment promises.</summary>
public sealed class BicepTests(BicepTests.Compiled compiled) : IClassFixture<BicepTests.Compiled>
{
    [Fact]
    public void MainBicep_BuildsWithNoDiagnostics() => AssertClean(compiled.Build);

    [Fact]
    public void MainBicep_LintsWithNoDiagnostics() => AssertClean(compiled.Lint);

    [Fact]
    public void DevParameters_BuildAndLintWithNoDiagnostics()
    {
        AssertClean(compiled.BuildParams);
        AssertClean(compiled.LintParams);
    }

    [Fact]
    public void StorageAccount_HasNoSharedKeyAccess_TlsOneTwo_AndTheEnginesQueuesTableAndContainer()
    {
        var account = Assert.Single(Resources(compiled.Template, "Microsoft.Storage/storageAccounts"));
        Assert.False(account["properties"]!["allowSharedKeyAccess"]!.GetValue<bool>());
        Assert.Equal("TLS1_2", account["properties"]!["minimumTlsVersion"]!.GetValue<string>());
        Assert.False(account["properties"]!["allowBlobPublicAccess"]!.GetValue<bool>());

        // Created from the task hub that the queue trigger's function.json implies, in the engine's naming.
        Assert.Contains("'{0}-work'", Names(compiled.Template, "Microsoft.Storage/storageAccounts/queueServices/queues"), StringComparison.Ordinal);
        Assert.Contains("'{0}-work-poison'", Names(compiled.Template, "Microsoft.Storage/storageAccounts/queueServices/queues"), StringComparison.Ordinal);
        Assert.Contains("'{0}Instances'", Names(compiled.Template, "Microsoft.Storage/storageAccounts/tableServices/tables"), StringComparison.Ordinal);
        Assert.Contains("'{0}-payloads'", Names(compiled.Template, "Microsoft.Storage/storageAccounts/blobServices/containers"), StringComparison.Ordinal);
        Assert.Equal(new DurableEngineOptions().WorkQueueName, InlinedTrigger("queueTrigger")["queueName"]!.GetValue<string>());
    }

    [Fact]
    public void Identity_GetsBlobQueueAndTableDataRoles_AndNoKeyIsUsedAnywhere()
    {
        var text = compiled.Build.Output;
        foreach (var role in new[] { "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "974c5e8b-45b9-4653-ba55-5f855dd0fb88", "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3" })
        {
            Assert.Contains(role, text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("listKeys", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("AccountKey", text, StringComparison.OrdinalIgnoreCase);
        Assert.Single(Resources(compiled.Template, "Microsoft.ManagedIdentity/userAssignedIdentities"));
    }

    [Fact]
    public void FunctionApp_IsAFlexConsumptionCustomHandler_DeployedFromBlobWithItsIdentity()
    {
        var plan = Assert.Single(Resources(compiled.Template, "Microsoft.Web/serverfarms"));
        Assert.Equal("FlexConsumption", plan["sku"]!["tier"]!.GetValue<string>());

        var site = Assert.Single(Resources(compiled.Template, "Microsoft.Web/sites"));
        var config = site["properties"]!["functionAppConfig"]!;
        Assert.Equal("blobContainer", config["deployment"]!["storage"]!["type"]!.GetValue<string>());
        Assert.Equal("UserAssignedIdentity", config["deployment"]!["storage"]!["authentication"]!["type"]!.GetValue<string>());
        Assert.Contains("instanceMemoryMB", config["scaleAndConcurrency"]!["instanceMemoryMB"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("maximumInstanceCount", config["scaleAndConcurrency"]!["maximumInstanceCount"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(site["properties"]!["httpsOnly"]!.GetValue<bool>());

        // The connection the queue trigger names is the identity-based one the app settings configure.
        Assert.Equal(FunctionAppRoot.DefaultConnection, InlinedTrigger("queueTrigger")["connection"]!.GetValue<string>());
    }

    [Fact]
    public void Outputs_IncludeTheMcpEndpoint()
    {
        var outputs = compiled.Template["outputs"]!.AsObject();
        Assert.Contains("mcpEndpoint", outputs.Select(o => o.Key));
        Assert.StartsWith("[format('https://{0}/{1}'", outputs["mcpEndpoint"]!["value"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(FunctionLayout.McpRoute, InlinedTrigger("httpTrigger")["route"]!.GetValue<string>());
    }

    /// <summary>The trigger of a function.json that the template loaded (bicep inlines loaded files as variables).</summary>
    private JsonObject InlinedTrigger(string type) =>
        compiled.Template["variables"]!.AsObject().Select(v => v.Value).OfType<JsonObject>()
            .SelectMany(v => v["bindings"] is JsonArray bindings ? bindings.OfType<JsonObject>() : [])
            .Single(b => b["type"]?.GetValue<string>() == type);

    private static void AssertClean(BicepCli.Result result)
    {
        Assert.True(result.ExitCode == 0, $"bicep exited {result.ExitCode}:{Environment.NewLine}{result.Diagnostics}");
        Assert.Empty(result.DiagnosticLines);
    }

    /// <summary>Every resource of <paramref name="type"/> in the template and the templates of its modules.</summary>
    private static List<JsonObject> Resources(JsonNode template, string type)
    {
        var found = new List<JsonObject>();
        foreach (var resource in Enumerate(template["resources"]))
        {
            if (resource["type"]?.GetValue<string>() == type)
            {
                found.Add(resource);
            }

            if (resource["properties"]?["template"] is JsonNode nested)
            {
                found.AddRange(Resources(nested, type));
            }
        }

        return found;
    }

    private static string Names(JsonNode template, string type) =>
        string.Join(" ", Resources(template, type).Select(r => r["name"]!.GetValue<string>()));

    // Resources are an array, or (with symbolic names) an object by name.
    private static IEnumerable<JsonObject> Enumerate(JsonNode? resources) => resources switch
    {
        JsonArray array => array.OfType<JsonObject>(),
        JsonObject byName => byName.Select(r => r.Value).OfType<JsonObject>(),
        _ => [],
    };

    /// <summary>The four Bicep runs, made once and concurrently for the class.</summary>
    public sealed class Compiled : IAsyncLifetime
    {
        internal BicepCli.Result Build { get; private set; } = null!;

        internal BicepCli.Result Lint { get; private set; } = null!;

        internal BicepCli.Result BuildParams { get; private set; } = null!;

        internal BicepCli.Result LintParams { get; private set; } = null!;

        internal JsonObject Template { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            var runs = await Task.WhenAll(
                BicepCli.RunAsync("build", "main.bicep", "--stdout"),
                BicepCli.RunAsync("lint", "main.bicep"),
                BicepCli.RunAsync("build-params", "main.dev.bicepparam", "--stdout"),
                BicepCli.RunAsync("lint", "main.dev.bicepparam"));
            (Build, Lint, BuildParams, LintParams) = (runs[0], runs[1], runs[2], runs[3]);
            Template = JsonNode.Parse(Build.Output) as JsonObject ?? throw new InvalidOperationException($"bicep build produced no template:{Environment.NewLine}{Build.Diagnostics}");
        }

        public Task DisposeAsync() => Task.CompletedTask;
    }
}
