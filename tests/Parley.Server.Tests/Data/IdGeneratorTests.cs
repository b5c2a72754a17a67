using Parley.Data;

namespace Parley.Server.Tests.Data;

public sealed class IdGeneratorTests
{
    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void Ids_from_one_generator_strictly_increase_even_within_one_millisecond()
    {
        var generator = new IdGenerator(new ManualClock(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)), 3);
        var ids = Enumerable.Range(0, 10_000).Select(_ => generator.NextId()).ToList();
        Assert.Equal(ids.Order(), ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void An_id_carries_its_creation_time_and_sorts_by_it_across_nodes()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero));
        var early = new IdGenerator(clock, IdGenerator.MaxNodeId).NextId();
        clock.Now = clock.Now.AddMilliseconds(1);
        var later = new IdGenerator(clock, 0).NextId();

        Assert.True(later > early);
        Assert.Equal(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero), IdGenerator.TimestampOf(early));
        Assert.True(IdGenerator.MinIdAt(clock.Now) <= later);
        Assert.True(IdGenerator.MinIdAt(clock.Now) > early);
    }

    [Fact]
    public void A_clock_that_steps_back_does_not_produce_smaller_ids()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero));
        var generator = new IdGenerator(clock, 7);
        var first = generator.NextId();
        clock.Now = clock.Now.AddSeconds(-5);
        Assert.True(generator.NextId() > first);
    }

    [Fact]
    public void Node_ids_outside_ten_bits_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new IdGenerator(TimeProvider.System, IdGenerator.MaxNodeId + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new IdGenerator(TimeProvider.System, -1));
    }
}
