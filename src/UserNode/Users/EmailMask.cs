namespace SignupEmail.UserNode.Users;

/// <summary>Masks e-mail addresses for logs: <c>kim@example.com</c> becomes <c>k***@example.com</c>.</summary>
public static class EmailMask
{
    /// <summary>Keeps the first character of the local part and the domain; anything else is hidden.</summary>
    public static string Mask(string? email)
    {
        if (string.IsNullOrEmpty(email))
        {
            return "***";
        }

        var at = email.LastIndexOf('@');
        if (at <= 0)
        {
            return "***";
        }

        // The first character may be a surrogate pair; never split it.
        var firstLength = char.IsHighSurrogate(email[0]) && at > 1 ? 2 : 1;
        return string.Concat(email.AsSpan(0, firstLength), "***", email.AsSpan(at));
    }
}
