namespace Connectivity.Actors;

/// <summary>What a supervisor does with a child that failed.</summary>
public enum Directive
{
    /// <summary>Keep the instance and its state; continue with the next message.</summary>
    Resume,

    /// <summary>Replace the instance with a fresh one from its props; the mailbox is kept.</summary>
    Restart,

    /// <summary>Stop the child.</summary>
    Stop,

    /// <summary>Fail the supervisor itself with the same exception.</summary>
    Escalate,
}
