using DurableMcp.Engine.Hosting;
using DurableMcp.FunctionApp.Hosting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Options;

namespace DurableMcp.FunctionApp.Functions;

/// <summary>
/// Running as an Azure Functions custom handler. The host starts this executable with <c>FUNCTIONS_CUSTOMHANDLER_PORT</c>
/// set, forwards the MCP endpoint's HTTP requests to it, and POSTs queue- and timer-trigger invocations to
/// <c>/{function name}</c>. Then: the queue trigger drives the work, so the embedded poller and janitor default to off;
/// the engine uses the storage connection the trigger uses; and the trigger endpoints are mapped. Standalone (no port
/// variable) nothing here applies. The HTTP functions (the MCP endpoint and its protected-resource metadata) are proxied
/// unchanged, with the public host and scheme in <c>X-Forwarded-Host</c> and <c>X-Forwarded-Proto</c>, which are honoured.
/// </summary>
internal static class FunctionsHostExtensions
{
    public static bool IsUnderFunctionsHost(IConfiguration configuration) =>
        !string.IsNullOrEmpty(configuration[HostUrls.CustomHandlerPortVariable]);

    public static WebApplicationBuilder AddFunctionsHost(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!IsUnderFunctionsHost(builder.Configuration))
        {
            return builder;
        }

        // A default below the environment (app settings), above appsettings.json: DurableEngine__WorkerEnabled=true
        // as an app setting turns the embedded poller back on.
        InsertBelowEnvironment(builder.Configuration, new() { [$"{DurableEngineOptions.SectionName}:{nameof(DurableEngineOptions.WorkerEnabled)}"] = "false" });

        // The host proxies HTTP requests from loopback, replacing Host with X-Forwarded-Host (and setting X-Forwarded-Proto):
        // honour them so that URLs the server builds (the protected-resource metadata) name the public endpoint.
        builder.Services.Configure<ForwardedHeadersOptions>(o => o.ForwardedHeaders = ForwardedHeaders.XForwardedHost | ForwardedHeaders.XForwardedProto);
        builder.Services.AddTransient<IStartupFilter, ForwardedHeadersFirst>();

        var root = FunctionAppRoot.Load(FunctionAppRoot.Locate(builder.Configuration));
        builder.Services.AddSingleton(root);

        // Authoritative: the engine must use the account the trigger listens on. Also in configuration (added last), for
        // what reads the settings directly (the local Azurite check).
        var storage = FunctionsStorageConnection.ToEngineSettings(builder.Configuration, root.StorageConnection);
        builder.Configuration.AddInMemoryCollection(storage);
        var credential = FunctionsStorageConnection.Credential(builder.Configuration, root.StorageConnection);
        builder.Services.AddOptions<DurableEngineOptions>().PostConfigure(o =>
        {
            FunctionsStorageConnection.ApplyTo(storage, o);
            o.Credential ??= credential;
        });
        builder.Services.AddSingleton<IValidateOptions<DurableEngineOptions>>(new TriggerQueueValidator(root));

        builder.Services.AddOptions<FunctionsHostOptions>()
            .Bind(builder.Configuration.GetSection(FunctionsHostOptions.SectionName))
            .Validate(o => o.InvocationBudget is null || (o.InvocationBudget > TimeSpan.Zero && o.InvocationBudget < root.FunctionTimeout),
                $"FunctionsHost:InvocationBudget must be positive and shorter than host.json's functionTimeout ({root.FunctionTimeout}).")
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => new InvocationBudget(
            sp.GetRequiredService<IOptions<FunctionsHostOptions>>().Value.InvocationBudget ?? root.DefaultInvocationBudget));
        return builder;
    }

    public static WebApplication MapFunctionTriggers(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!IsUnderFunctionsHost(app.Configuration))
        {
            return app;
        }

        app.MapPost("/" + FunctionLayout.WorkerFunction, QueueTriggerFunction.InvokeAsync);
        app.MapPost("/" + FunctionLayout.JanitorFunction, TimerTriggerFunction.InvokeAsync);

        var root = app.Services.GetRequiredService<FunctionAppRoot>();
        FunctionsLog.Started(
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(FunctionsHostExtensions)),
            root.Path,
            root.WorkQueueName,
            root.StorageConnection,
            app.Services.GetRequiredService<InvocationBudget>().Value,
            app.Services.GetRequiredService<IOptions<DurableEngineOptions>>().Value.WorkerEnabled);
        return app;
    }

    private static void InsertBelowEnvironment(ConfigurationManager configuration, Dictionary<string, string?> values)
    {
        var sources = ((IConfigurationBuilder)configuration).Sources;
        var index = -1;
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is EnvironmentVariablesConfigurationSource { Prefix: null or "" })
            {
                index = i;
                break;
            }
        }

        var source = new MemoryConfigurationSource { InitialData = values };
        if (index < 0)
        {
            sources.Add(source);
        }
        else
        {
            sources.Insert(index, source);
        }
    }

    /// <summary>Applies forwarded headers before anything else in the pipeline reads the request's scheme or host.</summary>
    private sealed class ForwardedHeadersFirst : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseForwardedHeaders();
            next(app);
        };
    }

    /// <summary>Fails the start when the queue trigger listens on another queue than the engine writes to.</summary>
    private sealed class TriggerQueueValidator(FunctionAppRoot root) : IValidateOptions<DurableEngineOptions>
    {
        public ValidateOptionsResult Validate(string? name, DurableEngineOptions options) =>
            string.Equals(options.WorkQueueName, root.WorkQueueName, StringComparison.Ordinal)
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(
                    $"The queue trigger in {FunctionLayout.WorkerFunction}/{FunctionLayout.FunctionJson} listens on '{root.WorkQueueName}', but the engine's work queue " +
                    $"is '{options.WorkQueueName}' (DurableEngine:TaskHub '{options.TaskHub}'). Make them agree.");
    }
}
