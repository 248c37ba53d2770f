using System.Collections.ObjectModel;
using System.Globalization;
using OpenQA.Selenium;
using OpenQA.Selenium.Support.UI;

namespace SignupEmail.Dashboard.BrowserTests;

/// <summary>
/// The dashboard page as the tests see it: only through the stable <c>id</c> and <c>data-*</c>
/// hooks of the DOM contract (docs/dashboard.md), never CSS classes or layout. Every wait polls
/// the DOM with a deadline (the page updates about once a second from server-sent events).
/// </summary>
public sealed class DashboardPage(IWebDriver driver, Uri dashboardUrl)
{
    /// <summary>The main topic and its dead-letter topic, as named in the diagram's <c>data-topic</c>.</summary>
    public const string SignupTopic = "user.signed-up";

    /// <summary>The dead-letter topic.</summary>
    public const string DeadLetterTopic = "user.signed-up.dlt";

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    /// <summary>Opens the dashboard (which sends a stranger to the login form) and logs in with <paramref name="key"/>.</summary>
    public void LogIn(string key)
    {
        driver.Navigate().GoToUrl(dashboardUrl);
        SubmitLoginForm(key);
        Until(
            () => !driver.Url.Contains("/login", StringComparison.Ordinal) && Attribute("#last-update", "data-at") is { Length: > 0 },
            TimeSpan.FromSeconds(30),
            "logged in: the dashboard shows a snapshot (#last-update[data-at])");
    }

    /// <summary>Fills <c>form#login</c> with <paramref name="key"/> and submits it.</summary>
    public void SubmitLoginForm(string key)
    {
        var field = Until(() => driver.FindElements(By.CssSelector("form#login input[name=key]")).FirstOrDefault(), TimeSpan.FromSeconds(30), "the login form");
        field.Clear();
        field.SendKeys(key);
        driver.FindElement(By.CssSelector("#login-submit")).Click();
    }

    /// <summary>Whether the element of <paramref name="selector"/> is on the page.</summary>
    public bool Has(string selector) => driver.FindElements(By.CssSelector(selector)).Count > 0;

    /// <summary>The attribute of the first element of <paramref name="selector"/>; null when no such element or attribute.</summary>
    public string? Attribute(string selector, string attribute) =>
        Rows(selector, attribute) is [var first, ..] ? first[attribute] : null;

    /// <summary>A number attribute; null when missing or not a number.</summary>
    public double? Number(string selector, string attribute) =>
        double.TryParse(Attribute(selector, attribute), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>
    /// The given attributes of every element of <paramref name="selector"/>, read in one script so a
    /// re-render between two reads cannot mix two snapshots (or leave a stale element).
    /// </summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string?>> Rows(string selector, params string[] attributes)
    {
        var result = ((IJavaScriptExecutor)driver).ExecuteScript(
            "return Array.from(document.querySelectorAll(arguments[0])).map(e => arguments[1].map(a => e.getAttribute(a)));",
            selector,
            attributes);
        return [.. ((ReadOnlyCollection<object>)result!).Cast<ReadOnlyCollection<object>>().Select(values =>
            (IReadOnlyDictionary<string, string?>)attributes.Select((name, i) => (name, value: values[i] as string))
                .ToDictionary(pair => pair.name, pair => pair.value, StringComparer.Ordinal))];
    }

    /// <summary>The broker ids of the Kafka panel with their <c>data-state</c>.</summary>
    public IReadOnlyDictionary<int, string?> Brokers() =>
        Rows("[data-panel=kafka] [data-broker]", "data-broker", "data-state")
            .GroupBy(row => int.Parse(row["data-broker"]!, CultureInfo.InvariantCulture))
            .ToDictionary(group => group.Key, group => group.First()["data-state"]);

    /// <summary>
    /// The leader per partition of <paramref name="topic"/> in the diagram. Fails if two elements of one
    /// partition disagree (the diagram may draw a partition in more than one place).
    /// </summary>
    public IReadOnlyDictionary<int, int?> Leaders(string topic) =>
        Rows($"[data-panel=kafka] [data-topic='{topic}'][data-partition]", "data-partition", "data-leader")
            .GroupBy(row => int.Parse(row["data-partition"]!, CultureInfo.InvariantCulture))
            .ToDictionary(group => group.Key, group =>
            {
                var leaders = group.Select(row => row["data-leader"]).Distinct().ToList();
                Assert.True(leaders.Count == 1, $"{topic}[{group.Key}] is drawn with different leaders: {string.Join(", ", leaders)}");
                return int.TryParse(leaders[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var leader) ? leader : (int?)null;
            });

    /// <summary>The rows of the dead-letters panel.</summary>
    public IReadOnlyList<DeadLetterRow> DeadLetters() =>
        [.. Rows("[data-panel=dead-letters] [data-dead-letter]", "data-partition", "data-offset", "data-reason", "data-original-partition", "data-original-offset")
            .Select(row => new DeadLetterRow(
                int.Parse(row["data-partition"]!, CultureInfo.InvariantCulture),
                long.Parse(row["data-offset"]!, CultureInfo.InvariantCulture),
                row["data-reason"],
                int.TryParse(row["data-original-partition"], CultureInfo.InvariantCulture, out var partition) ? partition : null,
                long.TryParse(row["data-original-offset"], CultureInfo.InvariantCulture, out var offset) ? offset : null))];

    /// <summary>Waits until the page has shown <paramref name="count"/> more snapshots (<c>#last-update[data-at]</c> changed).</summary>
    public void WaitForRefreshes(int count, TimeSpan timeout)
    {
        for (var i = 0; i < count; i++)
        {
            var seen = Attribute("#last-update", "data-at");
            Until(() => Attribute("#last-update", "data-at") != seen, timeout, $"a newer snapshot than {seen} (#last-update[data-at])");
        }
    }

    /// <summary>Clicks the replay button of the dead letter at <paramref name="row"/>'s position.</summary>
    public void Replay(DeadLetterRow row) =>
        Click($"[data-panel=dead-letters] [data-dead-letter][data-partition='{row.Partition}'][data-offset='{row.Offset}'] button[data-replay]");

    /// <summary>Clicks the element of <paramref name="selector"/> once it is there and enabled.</summary>
    public void Click(string selector) =>
        Until(() => driver.FindElements(By.CssSelector(selector)).FirstOrDefault(e => e.Displayed && e.Enabled), TimeSpan.FromSeconds(15), $"{selector} to click")
            .Click();

    /// <summary>Replaces the value of the input of <paramref name="selector"/>.</summary>
    public void Type(string selector, string text)
    {
        var input = Until(() => driver.FindElements(By.CssSelector(selector)).FirstOrDefault(e => e.Displayed && e.Enabled), TimeSpan.FromSeconds(15), $"{selector} to type in");
        input.Clear();
        input.SendKeys(text);
    }

    /// <summary>Waits until <paramref name="condition"/> holds; fails naming <paramref name="what"/> at the deadline.</summary>
    public void Until(Func<bool> condition, TimeSpan timeout, string what) => Wait(timeout, what).Until(_ => condition());

    /// <summary>Waits until <paramref name="value"/> gives something (not null); returns it.</summary>
    public T Until<T>(Func<T?> value, TimeSpan timeout, string what)
        where T : class =>
        Wait(timeout, what).Until(_ => value())!;

    private WebDriverWait Wait(TimeSpan timeout, string what)
    {
        var wait = new WebDriverWait(driver, timeout) { PollingInterval = Poll, Message = $"waited {timeout.TotalSeconds:0} s for {what}" };
        // The page re-renders on every snapshot: an element found a moment ago may be gone.
        wait.IgnoreExceptionTypes(typeof(StaleElementReferenceException), typeof(NoSuchElementException));
        return wait;
    }
}
