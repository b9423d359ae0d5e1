namespace DurableMcp.Tasks.Elicitation;

/// <summary>How the user (or the clock) answered a question.</summary>
public enum ElicitationAction
{
    /// <summary>The user submitted the form; the content holds the answers.</summary>
    Accept,

    /// <summary>The user explicitly declined to answer.</summary>
    Decline,

    /// <summary>The user dismissed the question without choosing.</summary>
    Cancel,

    /// <summary>Nobody answered before the question's timeout.</summary>
    TimedOut,
}
