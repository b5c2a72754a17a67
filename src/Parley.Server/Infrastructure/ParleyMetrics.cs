using System.Diagnostics.Metrics;
using Parley.Server.Realtime;

namespace Parley.Server.Infrastructure;

/// <summary>Parley's own metrics (meter "Parley"), exported at /metrics next to ASP.NET Core's and Kestrel's.</summary>
public sealed class ParleyMetrics
{
    public const string MeterName = "Parley";

    private readonly Counter<long> _messagesStored;
    private readonly Histogram<int> _commitBatch;
    private readonly Counter<long> _connectionCommands;

    public ParleyMetrics(IMeterFactory meters, ConnectionRegistry connections)
    {
        var meter = meters.Create(MeterName);
        _messagesStored = meter.CreateCounter<long>(
            "parley.messages.stored", "{message}", "Messages committed by the send path (REST and hub).");
        _commitBatch = meter.CreateHistogram<int>(
            "parley.messages.commit_batch", "{message}", "Messages stored per group commit: above 1 under load.");
        _connectionCommands = meter.CreateCounter<long>(
            "parley.cluster.connection_commands", "{command}", "Changes to live connections published to other nodes (direction=sent) or applied from them (direction=received).");
        meter.CreateObservableGauge(
            "parley.hub.connections", () => connections.ConnectionCount, "{connection}", "Live hub connections on this node.");
        meter.CreateObservableGauge(
            "parley.hub.users_online", () => connections.OnlineUserCount, "{user}", "People with at least one hub connection on this node.");
    }

    public void Committed(int messages)
    {
        _messagesStored.Add(messages);
        _commitBatch.Record(messages);
    }

    public void ConnectionCommand(bool sent) =>
        _connectionCommands.Add(1, new KeyValuePair<string, object?>("direction", sent ? "sent" : "received"));
}
