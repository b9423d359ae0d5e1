namespace DurableMcp.Conformance;

/// <summary>What an MRTR fixture remembers between rounds: the round it is in and the answers so far.</summary>
internal sealed record RequestStateData(int Round, IReadOnlyDictionary<string, string> Answers);
