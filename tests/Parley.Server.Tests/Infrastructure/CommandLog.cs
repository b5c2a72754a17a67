using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// The SQL one test server runs while this is alive, heard through EF Core's diagnostic events (process-wide, so
/// commands are kept only when they go to this server's database).
/// </summary>
public sealed class CommandLog : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly (string DataSource, string Database) _target;
    private readonly IDisposable _listeners;
    private readonly ConcurrentQueue<IDisposable> _subscriptions = new();
    private readonly ConcurrentQueue<string> _commands = new();

    private CommandLog((string, string) target)
    {
        _target = target;
        _listeners = DiagnosticListener.AllListeners.Subscribe(this);
    }

    public static async Task<CommandLog> StartAsync(ParleyApp app)
    {
        var target = await app.WithDbAsync(db =>
        {
            var connection = db.Database.GetDbConnection();
            return Task.FromResult((connection.DataSource, connection.Database));
        });
        return new CommandLog(target);
    }

    /// <summary>The statements run so far, oldest first.</summary>
    public IReadOnlyList<string> Commands => [.. _commands];

    public void Clear() => _commands.Clear();

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
        {
            _subscriptions.Enqueue(listener.Subscribe(this));
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == RelationalEventId.CommandExecuting.Name && value.Value is CommandEventData { Command: var command }
            && command.Connection is { } connection && (connection.DataSource, connection.Database) == _target)
        {
            _commands.Enqueue(command.CommandText);
        }
    }

    void IObserver<DiagnosticListener>.OnCompleted()
    {
    }

    void IObserver<DiagnosticListener>.OnError(Exception error)
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnCompleted()
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error)
    {
    }

    public void Dispose()
    {
        _listeners.Dispose();
        while (_subscriptions.TryDequeue(out var subscription))
        {
            subscription.Dispose();
        }
    }
}
