namespace SignupEmail.EmailNode.DeadLetters;

/// <summary>A dead-letter operation named a partition the dead-letter topic does not have.</summary>
public sealed class DeadLetterPartitionNotFoundException : Exception
{
    /// <summary>Creates the exception; its message names the partitions that do exist.</summary>
    public DeadLetterPartitionNotFoundException(int partition, string topic, int partitionCount)
        : base(partitionCount == 0
            ? $"Partition {partition} does not exist: the dead-letter topic '{topic}' has no partitions."
            : $"Partition {partition} does not exist: the dead-letter topic '{topic}' has partitions 0 to {partitionCount - 1}.")
    {
        Partition = partition;
    }

    /// <summary>Creates the exception.</summary>
    public DeadLetterPartitionNotFoundException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public DeadLetterPartitionNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public DeadLetterPartitionNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The partition asked for.</summary>
    public int Partition { get; }
}
