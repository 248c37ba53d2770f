using System.Drawing;
using System.Globalization;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace SignupEmail.Dashboard.BrowserTests;

/// <summary>
/// Debian's Chromium, headless, driven through Debian's chromedriver. Both paths are set explicitly
/// so Selenium never runs Selenium Manager (which would try to download a driver or a browser).
/// Saves a screenshot per test step and, on failure, the browser's console log.
/// </summary>
public sealed class HeadlessChromium : IDisposable
{
    /// <summary>The browser: the Debian package <c>chromium</c> (scripts/install-chromium.sh installs it).</summary>
    public const string BrowserPath = "/usr/bin/chromium";

    /// <summary>Its WebDriver: the Debian package <c>chromium-driver</c>.</summary>
    public const string DriverPath = "/usr/bin/chromedriver";

    private readonly ChromeDriver _driver;
    private readonly string _testName;

    /// <summary>Starts a browser for the test <paramref name="testName"/> (names its screenshots).</summary>
    public HeadlessChromium(string testName)
    {
        foreach (var program in new[] { BrowserPath, DriverPath })
        {
            if (!File.Exists(program))
            {
                throw new InvalidOperationException($"{program} is missing: run scripts/install-chromium.sh (test.sh does) as root.");
            }
        }

        _testName = testName;
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(DriverPath)!, Path.GetFileName(DriverPath));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var options = new ChromeOptions { BinaryLocation = BrowserPath };
        options.AddArguments(
            "--headless=new",
            // Tests run as root in a container-like machine: Chromium's sandbox needs user namespaces.
            "--no-sandbox",
            "--disable-dev-shm-usage",
            "--window-size=1400,1000",
            // Loopback only: nothing of Chromium's own calls home (updates, sync, safe browsing, metrics).
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-default-apps",
            "--disable-features=Translate,OptimizationHints,MediaRouter");
        options.SetLoggingPreference(LogType.Browser, LogLevel.All);
        _driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    /// <summary>The WebDriver.</summary>
    public IWebDriver Driver => _driver;

    /// <summary>Saves the page as <c>&lt;test&gt;-&lt;step&gt;.png</c> in the screenshots folder; returns the path.</summary>
    public string SaveScreenshot(string step)
    {
        Directory.CreateDirectory(RepositoryFolders.Screenshots);
        var path = Path.Combine(RepositoryFolders.Screenshots, $"{_testName}-{step}.png");
        _driver.GetScreenshot().SaveAsFile(path);
        return path;
    }

    /// <summary>
    /// Saves the whole page from the top, not just the window (for the README), as
    /// <c>&lt;test&gt;-&lt;step&gt;.png</c>; returns the path.
    /// </summary>
    public string SaveFullPageScreenshot(string step)
    {
        var window = _driver.Manage().Window;
        var size = window.Size;
        // The window's size includes what is not page (outer minus inner height).
        var height = Convert.ToInt32(
            _driver.ExecuteScript("window.scrollTo(0, 0); return document.documentElement.scrollHeight + window.outerHeight - window.innerHeight;"),
            CultureInfo.InvariantCulture);
        window.Size = new Size(size.Width, Math.Max(size.Height, height));
        try
        {
            return SaveScreenshot(step);
        }
        finally
        {
            window.Size = size;
        }
    }

    /// <summary>
    /// What a person needs when a test failed: a screenshot of the moment and the console log
    /// (saved as <c>&lt;test&gt;-failure.png</c> and <c>&lt;test&gt;-console.log</c>); returns a summary for the message.
    /// </summary>
    public string SaveFailureEvidence()
    {
        var lines = new List<string>();
        try
        {
            lines.Add($"screenshot: {SaveScreenshot("failure")}");
            var console = _driver.Manage().Logs.GetLog(LogType.Browser)
                .Select(entry => $"{entry.Timestamp:HH:mm:ss.fff} {entry.Level} {entry.Message}")
                .ToList();
            var logPath = Path.Combine(RepositoryFolders.Screenshots, $"{_testName}-console.log");
            File.WriteAllLines(logPath, console);
            lines.Add($"url: {_driver.Url}");
            lines.Add($"browser console ({console.Count} entries, {logPath}):");
            lines.AddRange(console.TakeLast(30));
        }
        catch (WebDriverException e)
        {
            // The evidence is extra: a browser that died must not hide the test's own failure.
            lines.Add($"no failure evidence from the browser: {e.Message}");
        }

        return string.Join('\n', lines);
    }

    /// <summary>Closes the browser and its driver.</summary>
    public void Dispose()
    {
        _driver.Quit();
        _driver.Dispose();
    }
}
