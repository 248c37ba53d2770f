namespace SignupEmail.Dashboard.Bench;

/// <summary>N tabs open on the dashboard at once, each with its own stream (and so its own connection).</summary>
internal sealed class OpenPages
{
    private readonly OpenPage[] _pages;

    private OpenPages(OpenPage[] pages) => _pages = pages;

    /// <summary>Opens the pages and waits until each has its first snapshot, as a loaded tab does.</summary>
    public static async Task<OpenPages> OpenAsync(HttpClient client, Uri streamUrl, string adminKey, int count, TimeSpan deadline)
    {
        var pages = Enumerable.Range(0, count).Select(_ => OpenPage.Open(client, streamUrl, adminKey)).ToArray();
        var loaded = Task.WhenAll(pages.Select(page => page.FirstEvent));
        if (await Task.WhenAny(loaded, Task.Delay(deadline)) != loaded || loaded.IsFaulted)
        {
            var problems = (await Task.WhenAll(pages.Select(page => page.CloseAsync()))).OfType<string>().Distinct();
            throw new InvalidOperationException($"{count} dashboard pages did not all load within {deadline}: {string.Join("; ", problems)}");
        }

        return new OpenPages(pages);
    }

    public long[] Events() => [.. _pages.Select(page => page.Events)];

    public long[] Bytes() => [.. _pages.Select(page => page.Bytes)];

    /// <summary>Closes every page; the problems of those whose stream broke while open.</summary>
    public async Task<IReadOnlyList<string>> CloseAsync() =>
        [.. (await Task.WhenAll(_pages.Select(page => page.CloseAsync()))).OfType<string>()];
}
