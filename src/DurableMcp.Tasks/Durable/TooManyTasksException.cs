namespace DurableMcp.Tasks.Durable;

/// <summary>A caller already has the most unfinished tasks it may have; nothing was started.</summary>
public sealed class TooManyTasksException : Exception
{
    public TooManyTasksException()
    {
        Owner = string.Empty;
    }

    public TooManyTasksException(string message)
        : base(message)
    {
        Owner = string.Empty;
    }

    public TooManyTasksException(string message, Exception innerException)
        : base(message, innerException)
    {
        Owner = string.Empty;
    }

    public TooManyTasksException(string owner, int unfinished)
        : base($"{owner} has {unfinished} unfinished tasks, the limit.")
    {
        Owner = owner;
        Unfinished = unfinished;
    }

    public string Owner { get; }

    public int Unfinished { get; }
}
