using SignupEmail.EmailNode.Admin;

namespace SignupEmail.EmailNode.Tests;

public sealed class AdminOptionsValidationSpec
{
    [Fact]
    public void The_defaults_are_valid_and_answer_503s_with_a_Retry_After_of_one_request_timeout()
    {
        var defaults = new AdminOptions();
        Assert.Empty(AdminOptionsValidator.Errors(defaults));
        Assert.Equal(10, defaults.RetryAfterSeconds);
        Assert.Equal(1, (defaults with { RequestTimeout = TimeSpan.FromMilliseconds(300) }).RetryAfterSeconds);
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("-00:00:01")]
    [InlineData("00:02:00.001")]
    public void A_request_timeout_out_of_range_is_named_by_its_key(string timeout)
    {
        var error = Assert.Single(AdminOptionsValidator.Errors(new AdminOptions { RequestTimeout = TimeSpan.Parse(timeout, System.Globalization.CultureInfo.InvariantCulture) }));
        Assert.StartsWith("Email:Admin:RequestTimeout ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_short_api_key_is_named_by_its_key_and_an_empty_one_disables_the_api()
    {
        Assert.StartsWith("Email:Admin:ApiKey ", Assert.Single(AdminOptionsValidator.Errors(new AdminOptions { ApiKey = "short" })), StringComparison.Ordinal);
        Assert.Empty(AdminOptionsValidator.Errors(new AdminOptions { ApiKey = string.Empty }));
    }
}
