namespace Parley.Data;

/// <summary>
/// 64-bit, time-ordered ids (Snowflake layout): 41 bits of milliseconds since <see cref="Epoch"/>,
/// 10 bits of node id, 12 bits of per-millisecond sequence. Sorting ids sorts by creation time,
/// which is what cursor pagination relies on.
/// </summary>
public sealed class IdGenerator
{
    public static readonly DateTimeOffset Epoch = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public const int NodeBits = 10;
    public const int SequenceBits = 12;
    public const int MaxNodeId = (1 << NodeBits) - 1;
    private const long SequenceMask = (1L << SequenceBits) - 1;

    private readonly TimeProvider _time;
    private readonly long _node;
    private readonly Lock _gate = new();
    private long _lastMillis = -1;
    private long _sequence;

    public IdGenerator(TimeProvider time, int nodeId)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nodeId);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(nodeId, MaxNodeId);
        _time = time;
        _node = nodeId;
    }

    public long NextId()
    {
        lock (_gate)
        {
            var millis = Math.Max(MillisSinceEpoch(), _lastMillis);
            if (millis == _lastMillis)
            {
                _sequence = (_sequence + 1) & SequenceMask;
                if (_sequence == 0)
                {
                    // 4096 ids in one millisecond: borrow the next millisecond rather than spin.
                    millis++;
                }
            }
            else
            {
                _sequence = 0;
            }

            _lastMillis = millis;
            return (millis << (NodeBits + SequenceBits)) | (_node << SequenceBits) | _sequence;
        }
    }

    public static DateTimeOffset TimestampOf(long id) => Epoch.AddMilliseconds(id >> (NodeBits + SequenceBits));

    /// <summary>The smallest id that could have been made at <paramref name="time"/>; handy for time-range filters.</summary>
    public static long MinIdAt(DateTimeOffset time) =>
        Math.Max(0, (long)(time - Epoch).TotalMilliseconds) << (NodeBits + SequenceBits);

    private long MillisSinceEpoch() => (long)(_time.GetUtcNow() - Epoch).TotalMilliseconds;
}
