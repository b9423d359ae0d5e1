using DurableMcp.Tasks.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace DurableMcp.Conformance;

/// <summary>
/// The fixtures of the Tasks extension scenarios (<c>tasks-*</c>): <c>greet</c> (synchronous), and durable
/// <c>slow_compute</c>, <c>failing_job</c>, <c>protocol_error_job</c>, <c>confirm_delete</c>, <c>multi_input</c> and
/// <c>test_tool_with_task</c>. The Function App has a trigger for each orchestration and activity
/// (<c>ConformanceTaskFunctions</c>); they stay idle while the fixtures are off.
/// </summary>
internal static class TaskFixtures
{
    public static IMcpServerBuilder WithTaskFixtures(this IMcpServerBuilder builder) => builder
        .WithTools([typeof(GreetFixture)])
        .WithDurableTools(typeof(DurableTaskFixtures))
        .WithActivity<RunFailingJob>();
}
