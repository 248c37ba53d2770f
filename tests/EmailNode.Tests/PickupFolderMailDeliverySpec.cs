using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;
using SignupEmail.EmailNode.Delivery;

namespace SignupEmail.EmailNode.Tests;

public sealed class PickupFolderMailDeliverySpec : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("signupemail-pickup-");
    private readonly List<PickupFolderMailDelivery> _deliveries = [];

    public void Dispose()
    {
        _deliveries.ForEach(d => d.Dispose());
        _root.Delete(recursive: true);
    }

    private PickupFolderMailDelivery Delivery(string? folder = null)
    {
        var delivery = new PickupFolderMailDelivery(folder ?? Path.Combine(_root.FullName, "pickup"), NullLogger<PickupFolderMailDelivery>.Instance);
        _deliveries.Add(delivery);
        return delivery;
    }

    [Fact]
    public async Task The_mail_is_written_as_event_id_eml_and_parses_back_to_the_same_message()
    {
        var @event = TestEvents.Korean();
        var mail = Renderers.Shipped().Render(@event);
        var delivery = Delivery();

        await delivery.DeliverAsync(mail, CancellationToken.None);

        var file = Assert.Single(Directory.GetFiles(delivery.Folder));
        Assert.Equal($"{@event.EventId}.eml", Path.GetFileName(file));
        var parsed = await MimeMessage.LoadAsync(file);
        Assert.Equal(mail.Message.MessageId, parsed.MessageId);
        Assert.Equal(mail.Message.Subject, parsed.Subject);
        Assert.Equal(mail.Message.TextBody, parsed.TextBody);
        Assert.Equal(mail.Message.HtmlBody, parsed.HtmlBody);
        Assert.Equal(@event.Email, parsed.To.Mailboxes.Single().Address);
        Assert.Equal("김민지", parsed.To.Mailboxes.Single().Name);
        Assert.Equal(mail.Message.Date.ToUnixTimeSeconds(), parsed.Date.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task A_redelivery_overwrites_instead_of_duplicating()
    {
        var @event = TestEvents.English();
        var renderer = Renderers.Shipped();
        var delivery = Delivery();

        await delivery.DeliverAsync(renderer.Render(@event), CancellationToken.None);
        await delivery.DeliverAsync(renderer.Render(@event with { Name = "Alice Again" }), CancellationToken.None);

        var file = Assert.Single(Directory.GetFiles(delivery.Folder));
        Assert.Equal("Welcome to SignupEmail, Alice Again", (await MimeMessage.LoadAsync(file)).Subject);
    }

    [Fact]
    public async Task A_reader_never_sees_a_partial_file_under_the_final_name()
    {
        // Large messages rewritten over and over while a reader keeps opening the final name: with a
        // direct write the reader would catch a truncated file; with write-then-rename never.
        var @event = TestEvents.English();
        var delivery = Delivery();
        var finalPath = delivery.PathFor(@event.EventId);
        var renderer = Renderers.Shipped();
        const string endMarker = "END-OF-BODY";
        var bigName = new string('x', 150);
        var body = new StringBuilder();
        for (var i = 0; i < 20_000; i++)
        {
            body.Append("Line ").Append(i).Append(" of a long welcome body.\n");
        }

        body.Append(endMarker);

        using var stop = new CancellationTokenSource();
        var reads = 0;
        var reader = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                byte[] bytes;
                try
                {
                    bytes = await File.ReadAllBytesAsync(finalPath);
                }
                catch (FileNotFoundException)
                {
                    continue;
                }

                using var stream = new MemoryStream(bytes);
                var parsed = await MimeMessage.LoadAsync(stream);
                Assert.Contains(endMarker, parsed.TextBody, StringComparison.Ordinal);
                Assert.Contains("</html>", parsed.HtmlBody, StringComparison.Ordinal);
                reads++;
            }
        });

        for (var i = 0; i < 40; i++)
        {
            var mail = renderer.Render(@event with { Name = bigName + i });
            ((TextPart)((Multipart)mail.Message.Body!).First()).Text = body.ToString();
            await delivery.DeliverAsync(mail, CancellationToken.None);
        }

        await stop.CancelAsync();
        await reader.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(reads > 0, "the reader should have read the file at least once");
        Assert.Equal([finalPath], Directory.GetFiles(delivery.Folder));
    }

    [Fact]
    public async Task No_temporary_files_are_left_behind()
    {
        var delivery = Delivery();
        var renderer = Renderers.Shipped();

        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => delivery.DeliverAsync(renderer.Render(TestEvents.Korean()), CancellationToken.None)));

        var files = Directory.GetFiles(delivery.Folder);
        Assert.Equal(10, files.Length);
        Assert.All(files, f => Assert.EndsWith(".eml", f, StringComparison.Ordinal));
    }

    [Fact]
    public void The_folder_is_created_if_missing()
    {
        var folder = Path.Combine(_root.FullName, "a", "b", "c");

        var delivery = Delivery(folder);

        Assert.True(Directory.Exists(delivery.Folder));
    }

    [Fact]
    public async Task An_unwritable_folder_is_a_transient_failure()
    {
        var delivery = Delivery();
        Directory.Delete(delivery.Folder);
        // A file where the folder should be: every write fails as the disk would.
        await File.WriteAllTextAsync(delivery.Folder, "not a folder");

        var failure = await Assert.ThrowsAsync<MailDeliveryException>(
            () => delivery.DeliverAsync(Renderers.Shipped().Render(TestEvents.English()), CancellationToken.None));

        Assert.Equal(DeliveryFailureKind.Transient, failure.Kind);
    }

    [Fact]
    public async Task The_disk_work_never_runs_on_a_thread_pool_thread()
    {
        // fsync blocks: on the pool it starved the all-in-one process's signups during e-mail bursts.
        var delivery = Delivery();
        var writers = new System.Collections.Concurrent.ConcurrentBag<(string Path, bool OnPool)>();
        delivery.Writer.Writing = path => writers.Add((path, Thread.CurrentThread.IsThreadPoolThread));
        var renderer = Renderers.Shipped();

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => delivery.DeliverAsync(renderer.Render(TestEvents.Korean()), CancellationToken.None))));

        Assert.Equal(20, writers.Count);
        Assert.All(writers, w => Assert.False(w.OnPool, $"{w.Path} was written on a thread-pool thread"));
        Assert.Equal(20, Directory.GetFiles(delivery.Folder, "*.eml").Length);
    }

    [Fact]
    public async Task A_file_that_cannot_be_put_in_place_fails_alone_and_the_rest_of_its_batch_is_delivered()
    {
        var delivery = Delivery();
        var renderer = Renderers.Shipped();
        var mails = Enumerable.Range(0, 10).Select(_ => renderer.Render(TestEvents.English())).ToList();
        // A folder where one e-mail's file should go: its rename fails as a full or broken disk would.
        Directory.CreateDirectory(delivery.PathFor(mails[4].EventId));

        var results = await Task.WhenAll(mails.Select(async mail =>
        {
            try
            {
                await delivery.DeliverAsync(mail, CancellationToken.None);
                return (mail.EventId, Failure: (MailDeliveryException?)null);
            }
            catch (MailDeliveryException ex)
            {
                return (mail.EventId, Failure: ex);
            }
        }));

        var failed = Assert.Single(results, r => r.Failure is not null);
        Assert.Equal(mails[4].EventId, failed.EventId);
        Assert.Equal(DeliveryFailureKind.Transient, failed.Failure!.Kind);
        Assert.Equal(9, Directory.GetFiles(delivery.Folder, "*.eml").Length);
        Assert.Empty(Directory.GetFiles(delivery.Folder, "*" + PickupFolderMailDelivery.TemporaryExtension));
    }
}
