using DurableMcp.FunctionApp.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace DurableMcp.Functions.Tests;

/// <summary>Tracing listens (and costs every request) only when there is somewhere to send the spans.</summary>
public sealed class TelemetrySetupTests
{
    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("http://127.0.0.1:4317", true)]
    public void AddTelemetry_TracesOnlyWithAnOtlpEndpoint(string? endpoint, bool traced)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint })
            .Build();
        using var services = new ServiceCollection().AddLogging().AddTelemetry(configuration).BuildServiceProvider();

        Assert.Equal(traced, services.GetService<TracerProvider>() is not null);
    }
}
