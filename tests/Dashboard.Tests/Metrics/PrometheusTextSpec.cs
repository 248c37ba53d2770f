using SignupEmail.Dashboard.Metrics;

namespace SignupEmail.Dashboard.Tests.Metrics;

/// <summary>The small Prometheus text parser, on lines as the nodes' exporter writes them.</summary>
public sealed class PrometheusTextSpec
{
    [Fact]
    public void Reads_names_labels_and_values_and_skips_comments_and_lines_that_do_not_parse()
    {
        var samples = PrometheusText.Parse(
            """
            # HELP signupemail_signups_total Signup requests by outcome.
            # TYPE signupemail_signups_total counter
            signupemail_signups_total{otel_scope_name="SignupEmail.UserNode.Signup",signupemail_signup_outcome="created"} 3 1764867600000
            signupemail_publish_delay_seconds_bucket{le="+Inf"} 3
            process_up 1
            odd{label="with \"quotes\", a comma\\ and \n"} 2.5e1
            broken{label=unquoted} 1
            nan_metric NaN
            """);

        Assert.Equal(5, samples.Count);
        var created = samples[0];
        Assert.Equal("signupemail_signups_total", created.Name);
        Assert.Equal(3, created.Value);
        Assert.True(created.Has("signupemail_signup_outcome", "created"));
        Assert.Equal("+Inf", samples[1].Labels["le"]);
        Assert.Empty(samples[2].Labels);
        Assert.Equal("with \"quotes\", a comma\\ and \n", samples[3].Labels["label"]);
        Assert.Equal(25, samples[3].Value);
        Assert.True(double.IsNaN(samples[4].Value));
    }

    [Fact]
    public void Flow_counters_sum_the_user_node_and_every_email_node()
    {
        var user = PrometheusText.Parse(
            """
            signupemail_signups_total{signupemail_signup_outcome="created"} 10
            signupemail_signups_total{signupemail_signup_outcome="rate_limited"} 4
            signupemail_signups_total{signupemail_signup_outcome="conflict"} 1
            signupemail_publish_delay_seconds_count{otel_scope_name="SignupEmail.UserNode.Publishing"} 9
            """);
        var email = new[]
        {
            PrometheusText.Parse("signupemail_records_handled_total{signupemail_record_outcome=\"sent\"} 5\nsignupemail_records_handled_total{signupemail_record_outcome=\"duplicate\"} 7"),
            PrometheusText.Parse("signupemail_records_handled_total{signupemail_record_outcome=\"sent\"} 3\nsignupemail_dead_letters_written_total 2"),
        };

        var counters = FlowCounters.From(user, email);

        Assert.Equal(new FlowCounters(10, 1, 0, 4, 0, 9, 8, 2), counters);
    }
}
