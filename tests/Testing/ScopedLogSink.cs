using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SignupEmail.Testing;

/// <summary>Keeps every log line with the <c>TraceId</c> its scopes carried (null when none did).</summary>
public sealed class ScopedLogSink : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<(string Category, string Message, string? TraceId)> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(ScopedLogSink sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => sink._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            string? traceId = null;
            sink._scopes.ForEachScope(
                (scope, _) =>
                {
                    if (scope is IEnumerable<KeyValuePair<string, object?>> values)
                    {
                        traceId ??= values.FirstOrDefault(v => v.Key == "TraceId").Value?.ToString();
                    }
                },
                (object?)null);
            sink.Lines.Enqueue((category, formatter(state, exception), traceId));
        }
    }
}
