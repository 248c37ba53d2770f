namespace SignupEmail.EmailNode.DeadLetters;

/// <summary>What the consuming pipeline does with a record whose handling failed.</summary>
public enum FailureDisposition
{
    /// <summary>Transient: retry with backoff, holding only this partition.</summary>
    Retry,

    /// <summary>Poison: write it to the dead-letter topic at once, then commit its offset.</summary>
    DeadLetter,
}
