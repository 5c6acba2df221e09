using ModelRegistry.LocalRegistry.Faults;
using Xunit;

namespace ModelRegistry.LocalRegistry.Tests;

public sealed class TokenBucketTests
{
    private const long Second = 1000;

    [Fact]
    public void A_full_bucket_admits_its_capacity_at_once_then_refuses()
    {
        var bucket = new TokenBucket(ratePerSecond: 5, capacity: 5, startTimestamp: 0);

        var admitted = Enumerable.Range(0, 8).Count(_ => bucket.TryTake(0, Second));

        Assert.Equal(5, admitted);
    }

    [Fact]
    public void It_refills_at_the_rate()
    {
        var bucket = new TokenBucket(ratePerSecond: 10, capacity: 10, startTimestamp: 0);
        while (bucket.TryTake(0, Second))
        {
        }

        Assert.False(bucket.TryTake(99, Second));
        Assert.True(bucket.TryTake(100, Second));
        Assert.False(bucket.TryTake(150, Second));

        // Two seconds later: ten more requests, each one at 1/10 s refill, in a row.
        var admittedAfterTwoSeconds = Enumerable.Range(0, 30).Count(_ => bucket.TryTake(2100, Second));
        Assert.Equal(10, admittedAfterTwoSeconds);
    }

    [Fact]
    public void A_rate_below_one_per_second_admits_one_request_per_interval()
    {
        var bucket = new TokenBucket(ratePerSecond: 0.5, capacity: 1, startTimestamp: 0);

        Assert.True(bucket.TryTake(0, Second));
        Assert.False(bucket.TryTake(1999, Second));
        Assert.True(bucket.TryTake(2000, Second));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-1, 1)]
    [InlineData(double.NaN, 1)]
    [InlineData(double.PositiveInfinity, 1)]
    [InlineData(1, 0.5)]
    public void Rates_and_capacities_that_admit_nothing_are_refused(double rate, double capacity)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TokenBucket(rate, capacity, 0));
    }
}
