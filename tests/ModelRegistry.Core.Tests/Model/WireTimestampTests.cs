using System.Text.Json.Nodes;
using ModelRegistry.Core.Model;
using Xunit;

namespace ModelRegistry.Core.Tests.Model;

public sealed class WireTimestampTests
{
    [Theory]
    [InlineData("1764073356", 0)]
    [InlineData("1764073356.12", 120)]
    [InlineData("1764073356.999", 999)]
    [InlineData("1764073356.1", 100)]
    public void Epoch_seconds_read_to_the_exact_millisecond_in_utc(string seconds, int milliseconds)
    {
        var time = WireJson.Timestamp(JsonNode.Parse($$"""{"CreationTime":{{seconds}}}""")!.AsObject(), "CreationTime");

        Assert.Equal(new DateTime(2025, 11, 25, 12, 22, 36, milliseconds, DateTimeKind.Utc), time);
    }

    [Fact]
    public void Iso_8601_text_is_accepted_as_utc()
    {
        var time = WireJson.Timestamp(new JsonObject { ["createdAt"] = "2025-11-25T13:22:36.5+01:00" }, "createdAt");

        Assert.Equal((new DateTime(2025, 11, 25, 12, 22, 36, 500), DateTimeKind.Utc), (time!.Value, time.Value.Kind));
    }

    [Theory]
    [InlineData(0, "1764073356")]
    [InlineData(120, "1764073356.12")]
    public void Times_are_written_as_epoch_seconds(int milliseconds, string expected)
    {
        var time = new DateTime(2025, 11, 25, 12, 22, 36, milliseconds, DateTimeKind.Utc);

        Assert.Equal(expected, WireJson.EpochSeconds(time).ToJsonString());
        Assert.Equal(expected, WireJson.EpochSeconds(time.ToLocalTime()).ToJsonString());
    }
}
