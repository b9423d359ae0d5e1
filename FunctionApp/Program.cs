using DurableMcp.FunctionApp;
using DurableMcp.FunctionApp.Functions;
using DurableMcp.FunctionApp.LocalHost;

// One executable, two hosts: launched by the Azure Functions host it is that host's .NET isolated worker; started any
// other way (dotnet run, tests, the benchmark) it is the local host, running the same orchestrations on the same engine.
await (HostModes.Detect(args, Environment.GetEnvironmentVariable) == HostMode.Functions
    ? FunctionsHostApp.RunAsync(args)
    : LocalHostApp.RunAsync(args));
