namespace SignupEmail.Signup.Bench;

/// <summary>Password hashing at the node's configured cost, or lowered to isolate the pipeline.</summary>
internal enum HashCost
{
    Low,
    Real,
}
