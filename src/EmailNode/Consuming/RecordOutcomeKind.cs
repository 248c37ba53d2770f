namespace SignupEmail.EmailNode.Consuming;

/// <summary>What became of one consumed record.</summary>
public enum RecordOutcomeKind
{
    /// <summary>The e-mail was delivered and logged: commit.</summary>
    Sent,

    /// <summary>The send log already had the e-mail as sent (a redelivery): commit without sending.</summary>
    Skipped,

    /// <summary>Poison, or out of attempts: write to the dead-letter topic, then commit.</summary>
    DeadLetter,

    /// <summary>Given up because the pipeline is stopping: do not commit; the record is handled again after the restart.</summary>
    Abandoned,
}
