using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace SignupEmail.Shared.Configuration;

/// <summary>
/// Fails the options validation at start-up (with the node's other bad settings) when the node's
/// section holds keys no settings type binds; see <see cref="UnknownSettingKeys"/>.
/// </summary>
/// <typeparam name="TOptions">The options whose validation carries the check: the node's root settings.</typeparam>
/// <param name="configuration">The whole configuration.</param>
/// <param name="section">The node's section, e.g. <c>UserNode</c>.</param>
/// <param name="bindings">The settings type bound at each path under <paramref name="section"/> (<c>""</c> = the section).</param>
public sealed class UnknownSettingKeysValidator<TOptions>(
    IConfiguration configuration, string section, IReadOnlyDictionary<string, Type> bindings)
    : IValidateOptions<TOptions>
    where TOptions : class
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var problems = UnknownSettingKeys.Find(configuration, section, bindings);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
