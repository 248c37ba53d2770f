namespace SignupEmail.SignupCtl.Connection;

/// <summary>
/// Why a command could not do its job, as the one line signupctl prints and the exit code it ends with.
/// </summary>
internal sealed class SignupCtlFailure : Exception
{
    /// <summary>The operation failed: the node answered with a problem (4xx/5xx).</summary>
    public const int OperationFailed = 1;

    /// <summary>A usage error, or the node cannot be reached or refused the key.</summary>
    public const int UsageOrConnection = 2;

    private SignupCtlFailure(int exitCode, string message)
        : base(message) => ExitCode = exitCode;

    public int ExitCode { get; }

    public static SignupCtlFailure Failed(string message) => new(OperationFailed, message);

    public static SignupCtlFailure Usage(string message) => new(UsageOrConnection, message);
}
