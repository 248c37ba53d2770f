namespace SignupEmail.Dashboard.Actions;

/// <summary>What the experiments are doing now (null in the snapshot when they are off).</summary>
public sealed record ActionsSection(BurstStatus Burst, int MailDelayMs, IReadOnlyList<int> BrokersDown);
