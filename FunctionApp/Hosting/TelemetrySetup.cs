using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace DurableMcp.FunctionApp.Hosting;

/// <summary>
/// OpenTelemetry for the HTTP endpoint and the Durable Task SDK's orchestration and activity spans. Exported over OTLP
/// when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (an OpenTelemetry collector, or Azure Monitor through one).
/// </summary>
internal static class TelemetrySetup
{
    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        // Spans nobody exports still cost every request: the listeners make ASP.NET Core, gRPC, HttpClient and the Durable
        // Task SDK create, record and propagate activities on each hop (a create crosses four of them).
        if (string.IsNullOrEmpty(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            return services;
        }

        services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddSource("Microsoft.DurableTask").AddAspNetCoreInstrumentation())
            .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation())
            .UseOtlpExporter();
        return services;
    }
}
