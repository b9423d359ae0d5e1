using Azure.Storage.Blobs;
using DurableMcp.Engine.Hosting;
using DurableMcp.FunctionApp.Functions;
using DurableMcp.FunctionApp.Hosting;
using DurableMcp.FunctionApp.Security;
using DurableMcp.Tasks.Hosting;
using DurableMcp.Tools.Documents;
using Microsoft.Extensions.Options;

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseUrls(HostUrls.Resolve(builder.Configuration));
builder.AddFunctionsHost();
builder.AddCallerIdentity();
builder.AddTelemetry();
builder.AddStorageOperationCounting();

// Locally, with the emulator's connection string and nothing on its ports, start the repository's Azurite.
await using var azurite = await LocalAzurite.StartIfNeededAsync(builder.Configuration, builder.Environment.ContentRootPath);

builder.Services
    .AddMcpServer(options => options.ServerInfo = new() { Name = "durable-mcp-tasks", Version = "1.0.0" })
    .WithHttpTransport()
    .WithTools<DocumentTools>()
    .WithDurableTasks(builder.Configuration)
    .WithDurableTools<ClassifyDocumentsTool>()
    .WithDurableTools<DemoTools>();

builder.Services.AddSingleton<BlobServiceClient>(sp => StorageClientFactory.CreateBlobServiceClient(sp.GetRequiredService<IOptions<DurableEngineOptions>>().Value));
builder.Services.AddHostedService<SampleDocumentSeeder>();

var app = builder.Build();
app.UseCallerIdentity();
app.MapMcp("/mcp").RequireCaller(app).WithDurableTasks2025();
app.MapFunctionTriggers();
app.MapGet("/healthz", () => Results.Text("ok"));
app.MapStorageOperationCounts();
await app.RunAsync();
