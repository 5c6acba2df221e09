using ModelRegistry.Core.Client;
using Xunit;

namespace ModelRegistry.Core.Tests.Client;

public sealed class FirstCallWarmupTests
{
    [Fact]
    public void Every_step_of_the_warm_up_succeeds()
    {
        // Run swallows failures (only speed is at stake), so a step that broke would go unnoticed but for this.
        var failure = Record.Exception(FirstCallWarmup.Prepare);

        Assert.Null(failure);
    }
}
