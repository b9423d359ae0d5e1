using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

// The suite still tests sampling, roots and logging (deprecated by SEP-2577 but part of 2026-07-28): these fixtures use them on purpose.
#pragma warning disable MCP9005

namespace DurableMcp.Conformance;

/// <summary>
/// The <c>input-required-result-*</c> fixtures (SEP-2322, MRTR). Each is a quick tool on the SDK's stateless MRTR: it
/// answers <c>input_required</c> by throwing <see cref="InputRequiredException"/>, and the client's retry carries the
/// answers (and, where a tool keeps state between rounds, the sealed <c>requestState</c>). Missing or unreadable answers
/// are asked for again; answers to keys the tool never asked are ignored.
/// </summary>
[McpServerToolType]
internal sealed class InputRequiredTools(RequestStateProtector states)
{
    private const string Elicitation = "test_input_required_result_elicitation";
    private const string RequestState = "test_input_required_result_request_state";
    private const string MultipleInputs = "test_input_required_result_multiple_inputs";
    private const string MultiRound = "test_input_required_result_multi_round";
    private const string TamperedState = "test_input_required_result_tampered_state";

    [McpServerTool(Name = Elicitation), Description("Asks the user's name (elicitation), then greets them.")]
    public static CallToolResult AskName(RequestContext<CallToolRequestParams> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var answer = InputRequests.Elicitation(context.Params?.InputResponses, "user_name");
        if (answer is null)
        {
            throw Ask(("user_name", InputRequests.ElicitText("What is your name?", "name")));
        }

        return Text(InputRequests.AcceptedText(answer, "name") is { } name ? $"Hello, {name}!" : $"No name given (the user chose '{answer.Action}').");
    }

    [McpServerTool(Name = "test_input_required_result_sampling"), Description("Asks the client's model a question (sampling), then returns its answer.")]
    public static CallToolResult AskModel(RequestContext<CallToolRequestParams> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var answer = InputRequests.Sampling(context.Params?.InputResponses, "capital_question")
            ?? throw Ask(("capital_question", InputRequests.Sample("What is the capital of France?", 100)));
        return Text($"The model answered: {InputRequests.SampledText(answer) ?? "(no text)"}");
    }

    [McpServerTool(Name = "test_input_required_result_list_roots"), Description("Asks for the client's roots (roots/list), then lists them.")]
    public static CallToolResult AskRoots(RequestContext<CallToolRequestParams> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var roots = InputRequests.Roots(context.Params?.InputResponses, "client_roots")
            ?? throw Ask(("client_roots", InputRequests.ListRoots()));
        return Text($"The client has {roots.Roots.Count} root(s): {string.Join(", ", roots.Roots.Select(r => r.Uri))}");
    }

    [McpServerTool(Name = RequestState), Description("Asks for a confirmation with a sealed requestState, and checks the state on the retry.")]
    public CallToolResult Confirm(RequestContext<CallToolRequestParams> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var parameters = context.Params;
        var confirm = ("confirm", InputRequests.Elicit("Please confirm", "ok", new ElicitRequestParams.BooleanSchema()));
        if (parameters?.InputResponses is null && parameters?.RequestState is null)
        {
            throw Ask(states.Seal(RequestState, new(1, new Dictionary<string, string>())), confirm);
        }

        var state = states.Open(RequestState, parameters.RequestState);
        var answer = InputRequests.Elicitation(parameters.InputResponses, "confirm")
            ?? throw Ask(states.Seal(RequestState, state), confirm);
        return Text($"state-ok: round {state.Round} state verified; the user chose '{answer.Action}'.");
    }

    [McpServerTool(Name = MultipleInputs), Description("Asks for a name (elicitation), a greeting (sampling) and the roots at once.")]
    public CallToolResult AskThree(RequestContext<CallToolRequestParams> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var parameters = context.Params;
        var state = parameters?.RequestState is null ? new RequestStateData(1, new Dictionary<string, string>()) : states.Open(MultipleInputs, parameters.RequestState);
        var responses = parameters?.InputResponses;
        var name = InputRequests.Elicitation(responses, "user_name");
        var greeting = InputRequests.Sampling(responses, "greeting");
        var roots = InputRequests.Roots(responses, "client_roots");
        if (parameters?.RequestState is not null && name is not null && greeting is not null && roots is not null)
        {
            return Text($"{InputRequests.SampledText(greeting) ?? "Hello"} {InputRequests.AcceptedText(name, "name") ?? "stranger"}; roots: {string.Join(", ", roots.Roots.Select(r => r.Uri))}");
        }

        // Ask again for whatever is still missing; the first round (no state yet) asks for everything.
        var missing = new List<(string, InputRequest)>();
        if (name is null || parameters?.RequestState is null)
        {
            missing.Add(("user_name", InputRequests.ElicitText("What is your name?", "name")));
        }

        if (greeting is null || parameters?.RequestState is null)
        {
            missing.Add(("greeting", InputRequests.Sample("Generate a greeting", 50)));
        }

        if (roots is null || parameters?.RequestState is null)
        {
            missing.Add(("client_roots", InputRequests.ListRoots()));
        }

        throw Ask(states.Seal(MultipleInputs, state), [.. missing]);
    }

    [McpServerTool(Name = MultiRound), Description("Asks two questions one after the other, carrying the first answer in requestState.")]
    public CallToolResult AskTwice(RequestContext<CallToolRequestParams> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var parameters = context.Params;
        var step1 = ("step1", InputRequests.ElicitText("Step 1: What is your name?", "name"));
        if (parameters?.RequestState is null)
        {
            throw Ask(states.Seal(MultiRound, new(1, new Dictionary<string, string>())), step1);
        }

        var state = states.Open(MultiRound, parameters.RequestState);
        if (state.Round == 1)
        {
            var name = InputRequests.AcceptedText(InputRequests.Elicitation(parameters.InputResponses, "step1"), "name");
            if (name is null)
            {
                throw Ask(states.Seal(MultiRound, state), step1);
            }

            throw Ask(
                states.Seal(MultiRound, new(2, new Dictionary<string, string> { ["name"] = name })),
                ("step2", InputRequests.ElicitText("Step 2: What is your favorite color?", "color")));
        }

        var color = InputRequests.AcceptedText(InputRequests.Elicitation(parameters.InputResponses, "step2"), "color")
            ?? throw Ask(states.Seal(MultiRound, state), ("step2", InputRequests.ElicitText("Step 2: What is your favorite color?", "color")));
        return Text($"{state.Answers.GetValueOrDefault("name", "Someone")}'s favorite color is {color}.");
    }

    [McpServerTool(Name = TamperedState), Description("Asks for a confirmation with a sealed requestState; an altered state is refused with -32602.")]
    public CallToolResult ConfirmSealed(RequestContext<CallToolRequestParams> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var parameters = context.Params;
        var confirm = ("confirm", InputRequests.Elicit("Please confirm", "ok", new ElicitRequestParams.BooleanSchema()));
        if (parameters?.RequestState is null)
        {
            throw Ask(states.Seal(TamperedState, new(1, new Dictionary<string, string>())), confirm);
        }

        var state = states.Open(TamperedState, parameters.RequestState);
        var answer = InputRequests.Elicitation(parameters.InputResponses, "confirm") ?? throw Ask(states.Seal(TamperedState, state), confirm);
        return Text($"Confirmed with an intact requestState (the user chose '{answer.Action}').");
    }

    [McpServerTool(Name = "test_input_required_result_capabilities"), Description("Asks only for what this request's client capabilities declare.")]
    public static CallToolResult AskWhatIsDeclared(RequestContext<CallToolRequestParams> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var declared = InputRequests.DeclaredCapabilities(context.Server, context.Params);
        var responses = context.Params?.InputResponses;
        var asks = new List<(string, InputRequest)>();
        if (declared?.Elicitation is not null && InputRequests.Elicitation(responses, "user_name") is null)
        {
            asks.Add(("user_name", InputRequests.ElicitText("What is your name?", "name")));
        }

        if (declared?.Sampling is not null && InputRequests.Sampling(responses, "capital_question") is null)
        {
            asks.Add(("capital_question", InputRequests.Sample("What is the capital of France?", 100)));
        }

        if (declared?.Roots is not null && InputRequests.Roots(responses, "client_roots") is null)
        {
            asks.Add(("client_roots", InputRequests.ListRoots()));
        }

        return asks.Count > 0
            ? throw Ask([.. asks])
            : Text("Every input this client can give was given (or it declared none of elicitation, sampling and roots).");
    }

    private static InputRequiredException Ask(params (string Key, InputRequest Request)[] requests) => Ask(null, requests);

    private static InputRequiredException Ask(string? requestState, params (string Key, InputRequest Request)[] requests) =>
        new(requests.ToDictionary(r => r.Key, r => r.Request), requestState);

    private static CallToolResult Text(string text) => new() { Content = [ContentTools.Text(text)] };
}
