using LinqToDB.Mapping;

namespace SignupEmail.EmailNode.SendLog;

/// <summary>What became of an event's welcome e-mail.</summary>
public enum SendStatus
{
    /// <summary>Delivered (accepted by the SMTP server, or in the pickup folder). Final.</summary>
    [MapValue("sent")]
    Sent,

    /// <summary>Put on the dead-letter topic; a replay may still turn it into <see cref="Sent"/>.</summary>
    [MapValue("dead-lettered")]
    DeadLettered,
}
