namespace SignupEmail.EmailNode.DeadLetters;

/// <summary>Why a record goes to the dead-letter topic, as its headers will say.</summary>
/// <param name="Type">The failure type: a CLR exception type name, or <c>DecodeFailure.{Kind}</c>.</param>
/// <param name="Message">What went wrong; masked and bounded before it is written.</param>
/// <param name="Attempts">Handling attempts made, the last one included.</param>
public sealed record DeadLetterFailure(string Type, string Message, int Attempts);
