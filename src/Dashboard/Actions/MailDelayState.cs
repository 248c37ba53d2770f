namespace SignupEmail.Dashboard.Actions;

/// <summary>The delivery delay the dashboard last set on the Email nodes (0 = none), for the snapshot.</summary>
internal sealed class MailDelayState
{
    private int _milliseconds;

    public int Milliseconds
    {
        get => Volatile.Read(ref _milliseconds);
        set => Volatile.Write(ref _milliseconds, value);
    }
}
