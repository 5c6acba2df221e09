using System.Text;
using System.Text.Json.Nodes;
using Xunit;

namespace ModelRegistry.LocalRegistry.Tests.Support;

/// <summary>The registry's fault rules through its admin endpoint (<c>/_localregistry/faults</c>).</summary>
public static class FaultRules
{
    private const string Endpoint = "/_localregistry/faults";

    public static async Task<HttpResponseMessage> PostFaultAsync(this RunningRegistry registry, string rule)
    {
        using var client = registry.Client();
        return await client.Http.PostAsync(Endpoint, new StringContent(rule, Encoding.UTF8, "application/json"));
    }

    /// <summary>Adds a rule that must be accepted.</summary>
    public static async Task AddFaultAsync(this RunningRegistry registry, string rule)
    {
        using var response = await registry.PostFaultAsync(rule);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The rules still active: a rule retires when its count reaches zero, and one still listed at 0 is just as consumed.</summary>
    public static async Task<JsonArray> FaultRulesAsync(this RunningRegistry registry)
    {
        using var client = registry.Client();
        var rules = JsonNode.Parse(await client.Http.GetStringAsync(Endpoint))!["rules"]!.AsArray();
        return new JsonArray(rules.Where(rule => (int?)rule!["count"] is not 0).Select(rule => rule!.DeepClone()).ToArray());
    }

    /// <summary>Removes every rule and returns the (empty) list the registry answered with.</summary>
    public static async Task<JsonArray> ClearFaultsAsync(this RunningRegistry registry)
    {
        using var client = registry.Client();
        using var response = await client.Http.DeleteAsync(Endpoint);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["rules"]!.AsArray();
    }
}
