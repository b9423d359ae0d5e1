using DurableMcp.FunctionApp;

namespace DurableMcp.Functions.Tests;

public sealed class HostModesTests
{
    [Theory]
    [InlineData("--functions-uri", "http://127.0.0.1:50000/")]
    [InlineData("--host", "127.0.0.1")]
    public void Detect_StartedByTheFunctionsHost_Functions(string flag, string value)
    {
        Assert.Equal(HostMode.Functions, HostModes.Detect([flag, value, "--functions-worker-id", "w1"], _ => null));
    }

    [Fact]
    public void Detect_HostEndpointInTheEnvironment_Functions()
    {
        Assert.Equal(HostMode.Functions, HostModes.Detect([], name => name == "Functions__Worker__HostEndpoint" ? "http://127.0.0.1:50000" : null));
    }

    [Fact]
    public void Detect_DotnetRunOrTests_Local()
    {
        Assert.Equal(HostMode.Local, HostModes.Detect(["--Urls", "http://127.0.0.1:7071"], _ => null));
    }
}
