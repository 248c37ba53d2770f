using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using Confluent.Kafka;
using OpenQA.Selenium;
using SignupEmail.Testing;
using Xunit.Abstractions;
using static SignupEmail.Dashboard.BrowserTests.DashboardPage;

namespace SignupEmail.Dashboard.BrowserTests;

/// <summary>
/// The dashboard of the one-command run in a real browser (headless Chromium), used as a person
/// would: log in with the printed admin key, watch the panels, press the experiment buttons. Every
/// step is saved as a screenshot under artifacts/test-results/dashboard-screenshots.
/// </summary>
[TestCaseOrderer(SceneOrder.TypeName, SceneOrder.AssemblyName)]
public sealed class DashboardSpec(DashboardRun run, ITestOutputHelper output) : IClassFixture<DashboardRun>
{
    // 100 signups in 5 s; with each delivery delayed 500 ms the Email node (one record at a time per
    // partition with the pickup folder) handles at most 6 a second, so the lag must rise even when a
    // busy machine slows the burst down.
    private const int BurstRate = 20;
    private const int BurstSeconds = 5;
    private const int MailDelayMilliseconds = 500;
    private static readonly string[] Rates = ["signups", "published", "emails", "dead-letters"];
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan KafkaPatience = TimeSpan.FromSeconds(90);

    [Fact]
    [Scene(1)]
    public Task A_wrong_key_is_refused_by_the_login_form_and_the_printed_admin_key_opens_the_dashboard() =>
        InBrowserAsync(logIn: false, (browser, page) =>
        {
            browser.Driver.Navigate().GoToUrl(run.DashboardUrl);
            page.SubmitLoginForm("not-the-admin-key-of-this-run");
            page.Until(() => page.Has("#login-error"), Patience, "#login-error after a wrong key");
            Assert.Contains("/login", browser.Driver.Url, StringComparison.Ordinal);
            Assert.False(page.Has("[data-panel=kafka]"), "a wrong key must not show the dashboard");
            browser.SaveScreenshot("01-wrong-key");

            page.LogIn(run.AdminKey);
            browser.SaveScreenshot("02-logged-in");
            return Task.CompletedTask;
        });

    [Fact]
    [Scene(2)]
    public Task The_kafka_panel_shows_three_brokers_and_three_partitions_of_each_topic_with_three_different_leaders() =>
        InBrowserAsync(logIn: true, (browser, page) =>
        {
            page.Until(
                () => page.Brokers() is { Count: 3 } brokers && brokers.Values.All(state => state == "up"),
                Patience,
                "3 brokers, all data-state=up");
            foreach (var topic in new[] { SignupTopic, DeadLetterTopic })
            {
                page.Until(
                    () => page.Leaders(topic) is var leaders && leaders.Keys.Order().SequenceEqual([0, 1, 2]) && leaders.Values.All(leader => leader is not null),
                    Patience,
                    $"partitions 0, 1, 2 of {topic}, each with a leader");
                var replicaSets = page.Rows($"[data-panel=kafka] [data-topic='{topic}'][data-partition]", "data-partition", "data-replicas", "data-isr");
                Assert.All(replicaSets, set =>
                {
                    Assert.Equal(3, Ids(set["data-replicas"]).Count);
                    Assert.Equal(3, Ids(set["data-isr"]).Count);
                });
            }

            var signupLeaders = page.Leaders(SignupTopic);
            Assert.True(signupLeaders.Values.Distinct().Count() == 3, $"three different leaders of {SignupTopic}: {Describe(signupLeaders)}");
            Assert.All(signupLeaders.Values, leader => Assert.Contains(leader!.Value, page.Brokers().Keys));
            browser.SaveScreenshot("01-kafka");
            return Task.CompletedTask;
        });

    [Fact]
    [Scene(3)]
    public Task The_page_stays_live_with_the_consumer_group_the_flow_and_the_user_cluster() =>
        InBrowserAsync(logIn: true, (browser, page) =>
        {
            page.WaitForRefreshes(2, Patience);
            Assert.Equal("live", page.Attribute("#connection", "data-state"));

            page.Until(
                () => page.Rows("[data-panel=group] [data-group-member]", "data-partitions")
                    .SelectMany(member => Ids(member["data-partitions"])).Order().SequenceEqual([0, 1, 2]),
                Patience,
                "the group's members reading partitions 0, 1, 2 between them");
            page.Until(
                () => page.Rows("[data-panel=group] [data-lag-partition]", "data-lag-partition", "data-end", "data-lag")
                    .Where(row => row["data-end"] is { Length: > 0 } && row["data-lag"] is { Length: > 0 })
                    .Select(row => row["data-lag-partition"]).Order().SequenceEqual(["0", "1", "2"]),
                Patience,
                "end offset and lag of partitions 0, 1, 2");
            Assert.NotNull(page.Number("#total-lag", "data-lag"));
            page.Until(() => page.Rows("svg#lag-chart [data-series]", "data-series").Count == 3, Patience, "a lag line per partition in svg#lag-chart");

            foreach (var rate in Rates)
            {
                Assert.True(page.Number($"[data-panel=flow] [data-rate='{rate}']", "data-value") is >= 0, $"a rate of {rate} per second");
            }

            page.Until(
                () => page.Rows("[data-panel=cluster] [data-member]", "data-status").Any(member => member["data-status"] == "Up")
                    && page.Attribute("#publisher", "data-running") == "true",
                Patience,
                "a User cluster member Up and the publisher running");
            Assert.NotNull(page.Attribute("#publisher", "data-address"));
            Assert.Null(page.Attribute("[data-panel=actions]", "hidden"));
            browser.SaveScreenshot("01-panels");
            return Task.CompletedTask;
        });

    [Fact]
    [Scene(4)]
    public Task A_burst_with_the_mail_slowed_shows_the_lag_rise_and_drain_to_zero_and_every_signup_gets_its_email() =>
        InBrowserAsync(logIn: true, async (browser, page) =>
        {
            page.Until(() => page.Number("#total-lag", "data-lag") == 0, KafkaPatience, "no lag before the burst");
            var mailsBefore = run.MailRecipients().Count;
            try
            {
                page.Type("#mail-delay-ms", MailDelayMilliseconds.ToString(CultureInfo.InvariantCulture));
                page.Click("#mail-delay-apply");
                page.Until(() => page.Attribute("#mail-delay-status", "data-ms") == $"{MailDelayMilliseconds}", Patience, $"#mail-delay-status[data-ms={MailDelayMilliseconds}]");
                browser.SaveScreenshot("01-mail-slowed");

                page.Type("#burst-rate", $"{BurstRate}");
                page.Type("#burst-seconds", $"{BurstSeconds}");
                page.Click("#burst-start");
                page.Until(() => page.Number("#total-lag", "data-lag") > 0, Patience, "the lag rising above 0 during the burst");
                browser.SaveScreenshot("02-lag-rising");

                page.Until(
                    () => page.Attribute("#burst-status", "data-running") == "false" && page.Number("#burst-status", "data-sent") == BurstRate * BurstSeconds,
                    Patience,
                    $"the burst done after {BurstRate * BurstSeconds} signups (#burst-status)");
                page.Click("#mail-delay-clear");
                page.Until(() => page.Attribute("#mail-delay-status", "data-ms") == "0", Patience, "#mail-delay-status[data-ms=0]");
                page.Until(() => page.Number("#total-lag", "data-lag") == 0, KafkaPatience, "the lag back to 0 once the mail is fast again");
                browser.SaveScreenshot("03-lag-drained");
            }
            finally
            {
                // Later tests must not run with slow mail or a burst still going, whatever failed here.
                await run.ActionAsync(HttpMethod.Delete, "api/actions/burst");
                await run.ActionAsync(HttpMethod.Delete, "api/actions/mail-delay");
            }

            var created = page.Number("#burst-status", "data-created");
            Assert.Equal(BurstRate * BurstSeconds, created);
            await Eventually.TrueAsync(
                () => run.MailRecipients().Count - mailsBefore >= created,
                Patience,
                $"{created} welcome e-mails for the burst's signups");
            Assert.Equal(created, run.MailRecipients().Count - mailsBefore);
        });

    [Fact]
    [Scene(5)]
    public Task Stopping_the_broker_that_leads_partition_0_shows_a_new_leader_and_signups_keep_succeeding() =>
        InBrowserAsync(logIn: true, async (browser, page) =>
        {
            page.Until(() => page.Brokers() is { Count: 3 } brokers && brokers.Values.All(state => state == "up"), Patience, "3 brokers up");
            var stopped = page.Until(() => page.Leaders(SignupTopic).GetValueOrDefault(0) is { } leader ? $"{leader}" : null, Patience, $"a leader of {SignupTopic}[0]");
            var broker = int.Parse(stopped, CultureInfo.InvariantCulture);
            var addresses = Enumerable.Range(0, 5).Select(i => $"while-broker-{broker}-down-{i}@dashboard.example").ToList();
            var startedAgain = false;
            page.Click($"button[data-broker-stop='{broker}']");
            try
            {
                page.Until(() => page.Brokers().GetValueOrDefault(broker) == "down", Patience, $"broker {broker} data-state=down");
                page.Until(
                    () => page.Leaders(SignupTopic).GetValueOrDefault(0) is { } leader && leader != broker,
                    Patience,
                    $"a new leader of {SignupTopic}[0] other than broker {broker}");
                // Stopping a broker moves every leadership it had, on both topics.
                foreach (var topic in new[] { SignupTopic, DeadLetterTopic })
                {
                    var leaders = page.Leaders(topic);
                    Assert.True(leaders.Values.All(leader => leader is not null && leader != broker), $"{topic} led by up brokers only: {Describe(leaders)}");
                }

                browser.SaveScreenshot("01-broker-down");
                foreach (var address in addresses)
                {
                    Assert.Equal(HttpStatusCode.Created, await run.SignUpAsync(address));
                }

                await Eventually.TrueAsync(
                    () => addresses.All(run.MailRecipients().Contains),
                    KafkaPatience,
                    $"a welcome e-mail for each of the {addresses.Count} signups made while broker {broker} was down; launcher:\n{run.Tail}");
                browser.SaveScreenshot("02-signups-delivered");

                page.Click($"button[data-broker-start='{broker}']");
                page.Until(() => page.Brokers().GetValueOrDefault(broker) == "up", Patience, $"broker {broker} data-state=up again");
                startedAgain = true;
                browser.SaveScreenshot("03-broker-up");
            }
            finally
            {
                if (!startedAgain)
                {
                    await run.ActionAsync(HttpMethod.Post, $"api/actions/brokers/{broker}/start");
                }
            }
        });

    [Fact]
    [Scene(6)]
    public Task A_poison_record_shows_in_the_dead_letters_and_replaying_it_dead_letters_that_one_again_and_nothing_else() =>
        InBrowserAsync(logIn: true, async (browser, page) =>
        {
            page.WaitForRefreshes(1, Patience);
            var before = page.DeadLetters();
            var countBefore = page.Number("#dead-letter-count", "data-count") ?? 0;
            var mailsBefore = run.MailRecipients().Count;

            // Two poison records on two partitions: replaying one must not touch the other.
            var replayed = await ProducePoisonAsync(partition: 1);
            var kept = await ProducePoisonAsync(partition: 2);
            var rows = page.Until(
                () => page.DeadLetters() is var current && Find(current, replayed) is not null && Find(current, kept) is not null ? current : null,
                KafkaPatience,
                $"dead letters of {replayed} and {kept}");
            var original = Find(rows, replayed)!;
            Assert.False(string.IsNullOrWhiteSpace(original.Reason), $"a reason for {replayed}: {original}");
            Assert.False(string.IsNullOrWhiteSpace(Find(rows, kept)!.Reason), $"a reason for {kept}");
            browser.SaveScreenshot("01-poison-listed");

            page.Replay(original);
            page.Until(() => page.Attribute("#replay-result", "data-replayed") == "1", Patience, "#replay-result[data-replayed=1]");
            var known = before.Select(Position).Concat(rows.Select(Position)).ToHashSet();
            var again = page.Until(
                () => page.DeadLetters().FirstOrDefault(row => !known.Contains(Position(row))),
                KafkaPatience,
                $"a new dead letter for the replayed {replayed}");
            Assert.Equal(replayed.Partition.Value, again.OriginalPartition);
            Assert.True(again.OriginalOffset > replayed.Offset.Value, $"the replay is a new record of {replayed.TopicPartition}: {again}");
            Assert.Equal(original.Reason, again.Reason);

            // Give a wrongly replayed second record time to show: two more snapshots, then exactly one more.
            page.WaitForRefreshes(2, Patience);
            var after = page.DeadLetters();
            Assert.Equal(known.Append(Position(again)).Order(), after.Select(Position).Order());
            Assert.Contains(original, after);
            page.Until(() => page.Number("#dead-letter-count", "data-count") == countBefore + 3, Patience, $"#dead-letter-count[data-count={countBefore + 3}]");
            Assert.Equal(mailsBefore, run.MailRecipients().Count);

            browser.SaveScreenshot("02-replayed");
            var screenshot = browser.SaveFullPageScreenshot("03-whole-page");
            File.Copy(screenshot, Path.Combine(RepositoryFolders.Screenshots, "docs-dashboard.png"), overwrite: true);
            if (RepositoryFolders.UpdateReadmeScreenshot)
            {
                File.Copy(screenshot, RepositoryFolders.ReadmeScreenshot, overwrite: true);
                output.WriteLine($"README screenshot updated: {RepositoryFolders.ReadmeScreenshot}");
            }
        });

    [Fact]
    [Scene(7)]
    public Task A_mail_delay_over_the_limit_is_refused_and_the_page_shows_the_servers_reason_naming_the_field() =>
        InBrowserAsync(logIn: true, (browser, page) =>
        {
            // Above Dashboard:Experiments:MaxMailDelay (10 s by default): the server answers 400 naming the field.
            page.Type("#mail-delay-ms", "20000");
            page.Click("#mail-delay-apply");
            var error = page.Until(
                () => browser.Driver.FindElements(By.CssSelector("#action-error")).FirstOrDefault(e => e.Displayed && e.Text.Length > 0),
                Patience,
                "#action-error shown");
            Assert.Contains("milliseconds", error.Text, StringComparison.Ordinal);
            page.WaitForRefreshes(1, Patience);
            Assert.Equal("0", page.Attribute("#mail-delay-status", "data-ms"));
            browser.SaveScreenshot("01-refused");
            return Task.CompletedTask;
        });

    private static (int Partition, long Offset) Position(DeadLetterRow row) => (row.Partition, row.Offset);

    private static DeadLetterRow? Find(IEnumerable<DeadLetterRow> rows, TopicPartitionOffset poison) =>
        rows.FirstOrDefault(row => row.OriginalPartition == poison.Partition.Value && row.OriginalOffset == poison.Offset.Value);

    private static List<int> Ids(string? list) =>
        [.. (list ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(id => int.Parse(id, CultureInfo.InvariantCulture))];

    private static string Describe(IReadOnlyDictionary<int, int?> leaders) =>
        string.Join(", ", leaders.OrderBy(pair => pair.Key).Select(pair => $"[{pair.Key}] → {pair.Value?.ToString(CultureInfo.InvariantCulture) ?? "none"}"));

    /// <summary>Writes bytes that are no signup event straight to the topic, as a broken producer would.</summary>
    private async Task<TopicPartitionOffset> ProducePoisonAsync(int partition)
    {
        using var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig { BootstrapServers = run.BootstrapServers }).Build();
        var result = await producer.ProduceAsync(new TopicPartition(SignupTopic, partition), new Message<byte[], byte[]>
        {
            Key = Encoding.UTF8.GetBytes($"poison-{partition}"),
            Value = Encoding.UTF8.GetBytes("{not a signup"),
            Headers = new Headers { { "ce_id", Encoding.UTF8.GetBytes(Guid.NewGuid().ToString("D")) } },
        });
        return result.TopicPartitionOffset;
    }

    /// <summary>
    /// Runs a test's steps in a fresh browser (logged in unless <paramref name="logIn"/> is false).
    /// When a step fails, its screenshot, the browser console and the launcher's last lines go to
    /// the test output before the failure is rethrown.
    /// </summary>
    private async Task InBrowserAsync(bool logIn, Func<HeadlessChromium, DashboardPage, Task> steps, [CallerMemberName] string test = "")
    {
        using var browser = new HeadlessChromium(test);
        var page = new DashboardPage(browser.Driver, run.DashboardUrl);
        try
        {
            if (logIn)
            {
                page.LogIn(run.AdminKey);
            }

            await steps(browser, page);
        }
        catch
        {
            output.WriteLine(browser.SaveFailureEvidence());
            output.WriteLine($"launcher (last lines):\n{run.Tail}");
            throw;
        }
    }
}
