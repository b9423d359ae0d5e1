namespace DurableMcp.Engine.Worker;

/// <summary>What became of one work message.</summary>
internal enum WorkOutcome
{
    /// <summary>Done with (the instance ended, or the message was stale); the message was deleted.</summary>
    Finished,

    /// <summary>Another run holds the instance; the message was hidden until its lease expires.</summary>
    Deferred,

    /// <summary>The run stopped abnormally; the message stays and is retried when it becomes visible.</summary>
    Abandoned,
}
